#pragma once
// Plain geometry in image pixels (x to the right, y down).
namespace rollcall::face {

struct Point2f {
    float x = 0;
    float y = 0;
};

struct Box {
    float x = 0;
    float y = 0;
    float width = 0;
    float height = 0;

    [[nodiscard]] float area() const { return width * height; }
    [[nodiscard]] Point2f centre() const { return {x + width / 2, y + height / 2}; }
};

}  // namespace rollcall::face
