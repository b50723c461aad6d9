#pragma once
// Quality gates applied at enrolment and at verification.
#include <string>
#include <vector>

namespace rollcall::face {

struct QualityLimits {
    float minEyeDistance = 24;   // pixels between the eye centres in the frame
    float minSharpness = 40;     // variance of the Laplacian on the aligned 112x112 grey crop
    float minBrightness = 50;    // mean grey level of the aligned crop
    float maxBrightness = 210;
    float maxYaw = 0.35F;        // nose offset from the eye midline / eye distance
    float maxRollDegrees = 25;   // eye line angle
};

struct QualityVerdict {
    bool ok = false;
    float eyeDistance = 0;
    float sharpness = 0;
    float brightness = 0;
    float yaw = 0;
    float rollDegrees = 0;
    std::vector<std::string> problems;  // e.g. "face too small (eye distance 18 px < 24)"
};

}  // namespace rollcall::face
