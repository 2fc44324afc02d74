#pragma once
// gatehouse's commands, like Django's manage.py. Each returns the process exit status and
// writes what it has to say to stdout (results) or stderr (errors).
#include <optional>
#include <string>

namespace gatehouse::cli {

struct CommonOptions {
    std::string env_file = ".env";
    std::optional<std::string> database_url;  // --database overrides GATEHOUSE_DATABASE_URL
    std::optional<std::string> listen;        // --listen overrides GATEHOUSE_LISTEN
};

int serve(const CommonOptions& options);
int migrate(const CommonOptions& options);
int check(const CommonOptions& options);
int flush_expired_tokens(const CommonOptions& options);

struct CreateSuperuserOptions {
    bool no_input = false;
    std::optional<std::string> username;
    std::optional<std::string> email;
    bool skip_existing = false;  // exit 0 when the username exists (for start-up scripts)
};
int create_superuser(const CommonOptions& options, const CreateSuperuserOptions& superuser);

int change_password(const CommonOptions& options, const std::string& username);

}  // namespace gatehouse::cli
