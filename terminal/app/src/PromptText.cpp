#include "rollcall/terminal/PromptText.hpp"

namespace rollcall::terminal {

std::string_view promptText(Prompt prompt, std::string_view language) {
    const bool zh = language != "en";
    switch (prompt) {
        case Prompt::LookAtCamera: return zh ? "请看摄像头" : "look at the camera";
        case Prompt::PlaceFinger: return zh ? "请按手指" : "place your finger";
        case Prompt::LookOrPlaceFinger: return zh ? "请看摄像头或按手指" : "look at the camera or place your finger";
        case Prompt::FingerAgain: return zh ? "请重新按手指" : "place your finger again";
        case Prompt::FingerNoMatch: return zh ? "指纹不匹配，请重试" : "fingerprint does not match, try again";
        case Prompt::NotRecognised: return zh ? "未识别，请重试" : "not recognised, try again";
        case Prompt::FaceNotLive: return zh ? "未通过活体检测" : "face not live";
        case Prompt::TimedOut: return zh ? "超时，请重新开始" : "timed out, start again";
        case Prompt::NoFingerEnrolled: return zh ? "未登记指纹，请联系管理员" : "no fingerprint enrolled, ask an administrator";
        case Prompt::ReaderFailed: return zh ? "指纹仪故障" : "fingerprint reader failed";
        case Prompt::RecordFailed: return zh ? "记录失败，请重试" : "could not record, try again";
        case Prompt::AlreadyRecorded: return zh ? "已记录" : "already recorded";
        case Prompt::Recorded: return zh ? "打卡成功" : "recorded";
    }
    return "";
}

}  // namespace rollcall::terminal
