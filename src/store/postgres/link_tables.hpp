#pragma once
// Django's many-to-many link tables (auth_user_groups, auth_user_user_permissions,
// auth_group_permissions), read and replaced as ManyRelatedManager.set() does: links no
// longer wanted are deleted, missing ones added, and the links kept keep their rows.
#include "store/postgres/connection.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace gatehouse::store::postgres {

struct LinkTable {
    std::string_view select;         // $1 owner -> the targets, ascending
    std::string_view delete_others;  // $1 owner, $2 bigint[] of the targets to keep
    std::string_view insert;         // $1 owner, $2 bigint[] of targets; links already there are kept
};

extern const LinkTable user_groups;        // user -> groups
extern const LinkTable user_permissions;   // user -> direct permissions
extern const LinkTable group_permissions;  // group -> permissions

std::vector<std::int64_t> linked_ids(Connection& connection, const LinkTable& table, std::int64_t owner);

// Adds the links (owner, target) that are missing, in ascending target order.
void add_links(Connection& connection, const LinkTable& table, std::int64_t owner,
               const std::vector<std::int64_t>& targets);

// Inside the caller's transaction. Unknown targets fail the deferred foreign key at commit.
void replace_links(Connection& connection, const LinkTable& table, std::int64_t owner,
                   const std::vector<std::int64_t>& targets);

}  // namespace gatehouse::store::postgres
