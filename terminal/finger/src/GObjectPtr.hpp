#pragma once
// RAII for GObjects and GErrors inside terminal/finger (never in a public header).
#include <glib-object.h>

#include <utility>

namespace rollcall::finger::detail {

// Owns one full reference. adopt() takes a reference the caller already owns (transfer full);
// retain() adds one. Floating references are sunk on adopt so ownership is always plain.
template <class T>
class GObjectPtr {
public:
    GObjectPtr() = default;
    static GObjectPtr adopt(T* object) {
        GObjectPtr p;
        if (object && g_object_is_floating(object)) g_object_ref_sink(object);
        p.object_ = object;
        return p;
    }
    static GObjectPtr retain(T* object) {
        GObjectPtr p;
        if (object) p.object_ = static_cast<T*>(g_object_ref(object));
        return p;
    }
    GObjectPtr(const GObjectPtr&) = delete;
    GObjectPtr& operator=(const GObjectPtr&) = delete;
    GObjectPtr(GObjectPtr&& other) noexcept : object_(std::exchange(other.object_, nullptr)) {}
    GObjectPtr& operator=(GObjectPtr&& other) noexcept {
        if (this != &other) {
            reset();
            object_ = std::exchange(other.object_, nullptr);
        }
        return *this;
    }
    ~GObjectPtr() { reset(); }

    void reset() {
        if (object_) g_object_unref(std::exchange(object_, nullptr));
    }
    [[nodiscard]] T* get() const { return object_; }
    explicit operator bool() const { return object_ != nullptr; }

private:
    T* object_ = nullptr;
};

class GErrorPtr {
public:
    GErrorPtr() = default;
    GErrorPtr(const GErrorPtr&) = delete;
    GErrorPtr& operator=(const GErrorPtr&) = delete;
    ~GErrorPtr() {
        if (error_) g_error_free(error_);
    }
    GError** out() { return &error_; }
    [[nodiscard]] GError* get() const { return error_; }
    explicit operator bool() const { return error_ != nullptr; }

private:
    GError* error_ = nullptr;
};

}  // namespace rollcall::finger::detail
