#pragma once
// Posts: places of duty, each in one department. Upsert by id, or by code when the id is 0.
#include <optional>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/store/Organisation.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::store {

class PostRepository {
public:
    explicit PostRepository(Store& store) : store_(store) {}

    // Every post, or those of one department.
    Result<std::vector<Post>> list(std::optional<DepartmentId> department = std::nullopt);
    Result<std::optional<Post>> get(PostId id);
    Result<std::optional<Post>> byCode(const std::string& code);
    // Refuses an empty code or name and an unknown department.
    Result<PostId> upsert(const Post& post);

private:
    Store& store_;
};

}  // namespace rollcall::store
