#include "rollcall/domain/Error.hpp"

namespace rollcall {

std::string Error::describe() const {
    std::string out = code;
    out += ": ";
    out += message;
    if (field) {
        out += " (field '";
        out += *field;
        out += "')";
    }
    return out;
}

}  // namespace rollcall
