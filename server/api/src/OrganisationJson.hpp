#pragma once
// JSON shapes of departments, posts and people (camelCase, ids as integers).
#include <nlohmann/json.hpp>

#include "rollcall/store/Organisation.hpp"

namespace rollcall::api {

nlohmann::json toJson(const store::Department& d);
nlohmann::json toJson(const store::Post& p);
nlohmann::json toJson(const store::Employee& e);

template <class Id>
nlohmann::json idOrNull(const std::optional<Id>& id) {
    return id ? nlohmann::json(id->value()) : nlohmann::json();
}

}  // namespace rollcall::api
