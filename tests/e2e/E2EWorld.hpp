#pragma once
// What the process-level end-to-end tests share: child processes with their output in a log
// file, rollcall-server started from a config file on free loopback ports, rollcall-terminal
// provisioned and run over image folders, a JSON API client, and the sample faces.
//   ROLLCALL_BINARY_DIR / ROLLCALL_SOURCE_DIR   set by rollcall_test
//   ROLLCALL_DATA_DIR                            faces/people/<identity>/ (tests skip without it)
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "rollcall/http/Client.hpp"

namespace rollcall::e2e {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

inline fs::path envPath(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? fs::path(v) : fs::path();
}

// The build tree: from the environment, else the one this test was built in (ctest's
// ENVIRONMENT property may carry only the first variable).
inline fs::path binaryDir() {
    if (auto p = envPath("ROLLCALL_BINARY_DIR"); !p.empty()) return p;
#ifdef ROLLCALL_E2E_BINARY_DIR
    return ROLLCALL_E2E_BINARY_DIR;
#else
    return {};
#endif
}

inline std::string readFile(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void writeFile(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::trunc) << text;
}

template <class F>
bool eventually(F&& done, std::chrono::milliseconds limit, std::chrono::milliseconds every = 200ms) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (done()) return true;
        std::this_thread::sleep_for(every);
    }
    return done();
}

inline std::uint16_t freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t n = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
    ::close(fd);
    return ntohs(a.sin_port);
}

// A child process whose stdout and stderr go to `log`.
class Process {
public:
    Process(const fs::path& program, const std::vector<std::string>& args, const fs::path& log) : log_(log) {
        fs::create_directories(log.parent_path());
        pid_ = ::fork();
        if (pid_ == 0) {
            const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            ::dup2(fd, STDOUT_FILENO);
            ::dup2(fd, STDERR_FILENO);
            std::vector<char*> argv{const_cast<char*>(program.c_str())};
            for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::execv(program.c_str(), argv.data());
            ::_exit(127);
        }
    }
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;
    ~Process() { stop(); }

    // SIGTERM, then SIGKILL after `grace`; returns the exit status (-1 when killed or gone).
    int stop(std::chrono::milliseconds grace = 10s) {
        if (pid_ <= 0) return -1;
        ::kill(pid_, SIGTERM);
        const auto end = std::chrono::steady_clock::now() + grace;
        int status = 0;
        while (::waitpid(pid_, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > end) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(20ms);
        }
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    // Waits for the process to end on its own; -1 when it had to be killed after `limit`.
    int wait(std::chrono::milliseconds limit) {
        if (pid_ <= 0) return -1;
        int status = 0;
        const auto end = std::chrono::steady_clock::now() + limit;
        while (::waitpid(pid_, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > end) {
                stop(0ms);
                return -1;
            }
            std::this_thread::sleep_for(50ms);
        }
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    [[nodiscard]] std::string output() const { return readFile(log_); }
    [[nodiscard]] const fs::path& log() const { return log_; }

private:
    fs::path log_;
    pid_t pid_ = -1;
};

// The JSON API as a signed-in person sees it.
class Api {
public:
    Api(std::uint16_t port, const std::string& user, const std::string& password) {
        auto c = http::Client::connect("http://127.0.0.1:" + std::to_string(port));
        if (!c) throw std::runtime_error(c.error().message);
        client_ = std::make_unique<http::Client>(std::move(*c));
        auto r = client_->send(http::Verb::post, "/api/v1/session",
                               json{{"username", user}, {"password", password}, {"bearer", true}}.dump());
        if (!r || r->status != 200) throw std::runtime_error("sign-in of " + user + " failed: " + (r ? r->body : r.error().message));
        client_->setDefaultHeader("Authorization", "Bearer " + r->json()["token"].get<std::string>());
    }
    struct Answer {
        unsigned status = 0;
        json body;
    };
    Answer send(http::Verb verb, const std::string& path, const json& body = nullptr) {
        auto r = client_->send(verb, "/api/v1" + path, body.is_null() ? std::string() : body.dump());
        if (!r) throw std::runtime_error(path + ": " + r.error().message);
        return {r->status, r->json()};
    }
    // The body of a successful answer; throws with the server's words otherwise.
    json get(const std::string& path) { return ok(http::Verb::get, path); }
    json post(const std::string& path, const json& body = json::object()) { return ok(http::Verb::post, path, body); }

private:
    json ok(http::Verb verb, const std::string& path, const json& body = nullptr) {
        auto a = send(verb, path, body);
        if (a.status >= 400) throw std::runtime_error(path + " -> " + std::to_string(a.status) + " " + a.body.dump());
        return a.body;
    }
    std::unique_ptr<http::Client> client_;
};

inline constexpr const char* kAdminPassword = "e2e-admin-password";
inline constexpr const char* kPassword = "correct horse battery 9";

// rollcall-server as a child process on free loopback ports.
class ServerProcess {
public:
    explicit ServerProcess(const fs::path& dir) : dir_(dir), http_(freePort()), gateway_(freePort()) {
        writeFile(dir / "server.toml", "[server]\naddress = \"127.0.0.1\"\nport = " + std::to_string(http_) +
                                           "\nweb_root = \"" + (dir / "web").string() +
                                           "\"\n[storage]\ndata_dir = \"" + (dir / "data").string() +
                                           "\"\n[gateway]\naddress = \"127.0.0.1\"\nport = " + std::to_string(gateway_) + "\n");
    }
    [[nodiscard]] fs::path database() const { return dir_ / "data" / "rollcall.db"; }
    void start() {
        ::setenv("ROLLCALL_ADMIN_PASSWORD", kAdminPassword, 1);
        process_ = std::make_unique<Process>(binaryDir() / "server" / "app" / "rollcall-server",
                                             std::vector<std::string>{"--config", (dir_ / "server.toml").string()},
                                             dir_ / "server.log");
        const bool up = eventually(
            [&] {
                auto c = http::Client::connect("http://127.0.0.1:" + std::to_string(http_), std::chrono::seconds(2));
                if (!c) return false;
                auto r = c->send(http::Verb::get, "/healthz");
                return r && r->status == 200;
            },
            30s);
        if (!up) throw std::runtime_error("rollcall-server did not start:\n" + process_->output());
    }
    void stop() {
        if (process_) process_->stop();
        process_.reset();
    }
    [[nodiscard]] std::uint16_t httpPort() const { return http_; }
    [[nodiscard]] std::string gatewayAddress() const { return "127.0.0.1:" + std::to_string(gateway_); }
    [[nodiscard]] std::string log() const { return readFile(dir_ / "server.log"); }
    Api as(const std::string& user, const std::string& password = kPassword) const { return Api(http_, user, password); }

private:
    fs::path dir_;
    std::uint16_t http_;
    std::uint16_t gateway_;
    std::unique_ptr<Process> process_;
};

// One sample identity: images to enrol, and one more the "camera" will show.
struct Face {
    std::string identity;
    std::vector<fs::path> enrol;
    fs::path probe;
};

// Identities of ROLLCALL_DATA_DIR/faces/people with at least three images, in name order.
inline std::vector<Face> sampleFaces(std::size_t want) {
    const auto root = envPath("ROLLCALL_DATA_DIR") / "faces" / "people";
    std::vector<Face> out;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return out;
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(root)) {
        if (e.is_directory()) dirs.push_back(e.path());
    }
    std::ranges::sort(dirs);
    for (const auto& d : dirs) {
        std::vector<fs::path> images;
        for (const auto& e : fs::directory_iterator(d)) {
            const auto ext = e.path().extension().string();
            if (ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".pgm") images.push_back(e.path());
        }
        if (images.size() < 3) continue;
        std::ranges::sort(images);
        Face f{d.filename().string(), {}, images.back()};
        images.pop_back();
        f.enrol.assign(images.begin(), images.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(images.size(), 5)));
        out.push_back(std::move(f));
        if (out.size() == want) break;
    }
    return out;
}

inline std::string missingPrerequisite() {
    const auto models = envPath("ROLLCALL_SOURCE_DIR") / "models" / "cache";
    if (!fs::exists(models / "fr_feature.onnx")) return "the face models are missing: run models/fetch.sh (" + models.string() + ")";
    if (sampleFaces(4).size() < 4) return "ROLLCALL_DATA_DIR with faces/people (4 identities of 3+ images) is not set";
    const auto bin = binaryDir();
    for (const auto* exe : {"server/app/rollcall-server", "terminal/app/rollcall-terminal"}) {
        if (!fs::exists(bin / exe)) return (bin / exe).string() + " is not built";
    }
    return {};
}

// A rollcall-terminal with its own data folder, provisioned once, run over image folders.
class TerminalRunner {
public:
    TerminalRunner(fs::path dir, fs::path enrolFolder) : dir_(std::move(dir)), enrol_(std::move(enrolFolder)) {}

    void provision(const std::string& gatewayAddress, const std::string& token) {
        writeConfig(dir_ / "empty");
        Process p(binary(), {"--config", config().string(), "--provision", gatewayAddress, token}, dir_ / "provision.log");
        if (p.wait(60s) != 0) throw std::runtime_error("provisioning failed:\n" + p.output());
    }
    // Shows these images, one frame each, then waits for the journal to drain (at most
    // `drainSeconds`) and exits. Returns the run's output.
    std::string show(const std::vector<fs::path>& images, int drainSeconds = 30) {
        const auto folder = dir_ / ("frames-" + std::to_string(++runs_));
        fs::create_directories(folder);
        int n = 0;
        for (const auto& img : images) fs::copy_file(img, folder / (std::to_string(++n) + "-" + img.filename().string()));
        writeConfig(folder, drainSeconds);
        const auto log = dir_ / ("run-" + std::to_string(runs_) + ".log");
        Process p(binary(), {"--config", config().string()}, log);
        if (p.wait(180s) < 0) throw std::runtime_error("rollcall-terminal did not finish:\n" + p.output());
        return p.output();
    }
    // Runs until stopped (the images shown once, then idle and connected).
    std::unique_ptr<Process> start(const std::vector<fs::path>& images = {}) {
        const auto folder = dir_ / ("frames-" + std::to_string(++runs_));
        fs::create_directories(folder);
        int n = 0;
        for (const auto& img : images) fs::copy_file(img, folder / (std::to_string(++n) + "-" + img.filename().string()));
        writeConfig(folder, 30, false);
        return std::make_unique<Process>(binary(), std::vector<std::string>{"--config", config().string()},
                                         dir_ / ("run-" + std::to_string(runs_) + ".log"));
    }
    [[nodiscard]] fs::path identityFile() const { return dir_ / "data" / "identity" / "identity.json"; }

private:
    static fs::path binary() { return binaryDir() / "terminal" / "app" / "rollcall-terminal"; }
    [[nodiscard]] fs::path config() const { return dir_ / "terminal.toml"; }
    void writeConfig(const fs::path& frames, int drainSeconds = 30, bool exitAtEnd = true) {
        fs::create_directories(frames);
        writeFile(config(), "[terminal]\ndata_dir = \"" + (dir_ / "data").string() + "\"\nlanguage = \"en\"\npolicy = \"face\"\n" +
                                "[face]\nsource = \"folder:" + frames.string() + "\"\nmodels_dir = \"" +
                                (envPath("ROLLCALL_SOURCE_DIR") / "models" / "cache").string() +
                                "\"\n# Photographs are spoofs to a liveness model.\nliveness = false\n" +
                                "[enrolment]\nfolder = \"" + enrol_.string() + "\"\n" +
                                "[behaviour]\nexit_at_end = " + (exitAtEnd ? "true" : "false") +
                                "\nrepeat_suppression_seconds = 1\ndrain_timeout_seconds = " +
                                std::to_string(drainSeconds) + "\n");
    }
    fs::path dir_;
    fs::path enrol_;
    int runs_ = 0;
};

inline fs::path freshDir(const std::string& name) {
    auto dir = fs::temp_directory_path() / ("rollcall-e2e-" + name + "-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir);
    return dir;
}

}  // namespace rollcall::e2e
