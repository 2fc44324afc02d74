// createsuperuser and changepassword, as Django's management commands, with the password
// validators applied everywhere (Django skips them with --noinput; we do not).
#include "auth/hashers.hpp"
#include "auth/password_validation.hpp"
#include "auth/username_validation.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"

#include <iostream>

namespace gatehouse::cli {
namespace {

constexpr int max_interactive_attempts = 3;

auth::UserAttributes attributes_of(const store::User& user) {
    return {user.username, user.first_name, user.last_name, user.email};
}

void print_errors(const std::vector<std::string>& errors) {
    for (const auto& error : errors) std::cerr << "Error: " << error << std::endl;
}

// Asks twice until both agree and the validators pass; nullopt after too many attempts.
std::optional<std::string> prompt_new_password(const auth::UserAttributes& attributes) {
    for (int attempt = 0; attempt < max_interactive_attempts; ++attempt) {
        std::string password = read_password("Password: ");
        std::string again = read_password("Password (again): ");
        if (password != again) {
            std::cerr << "Error: Your passwords didn't match." << std::endl;
            continue;
        }
        if (password.empty()) {
            std::cerr << "Error: Blank passwords aren't allowed." << std::endl;
            continue;
        }
        auto errors = auth::validate_password(password, attributes);
        if (!errors.empty()) {
            print_errors(errors);
            continue;
        }
        return password;
    }
    return std::nullopt;
}

}  // namespace

int create_superuser(const CommonOptions& options, const CreateSuperuserOptions& superuser) {
    Context context = open_context(options, false, false);
    auth::PasswordHasher hasher(context.settings.pbkdf2_iterations);
    store::NewUser user;
    user.is_staff = true;
    user.is_superuser = true;

    if (superuser.no_input) {
        auto username = superuser.username ? superuser.username : context.settings.superuser_username;
        if (!username) {
            report_error("You must use --username (or GATEHOUSE_SUPERUSER_USERNAME) with --noinput.");
            return 1;
        }
        user.username = *username;
        user.email = superuser.email.value_or(context.settings.superuser_email.value_or(""));
    } else {
        user.username = superuser.username ? *superuser.username : read_line("Username: ");
        user.email = superuser.email ? *superuser.email : read_line("Email address: ");
    }
    if (auto error = auth::username_error(user.username)) {
        report_error(*error);
        return 1;
    }
    if (context.store->users().find_by_username(user.username)) {
        if (superuser.skip_existing) {
            std::cout << "Superuser " << user.username << " already exists; nothing to do.\n";
            return 0;
        }
        report_error("That username is already taken.");
        return 1;
    }

    auth::UserAttributes attributes{user.username, "", "", user.email};
    if (superuser.no_input) {
        if (context.settings.superuser_password) {
            auto errors = auth::validate_password(*context.settings.superuser_password, attributes);
            if (!errors.empty()) {
                print_errors(errors);
                return 1;
            }
            user.password = hasher.make_password(*context.settings.superuser_password);
        } else {
            // Django's --noinput without a password: an account nobody can log in to yet.
            user.password = auth::PasswordHasher::make_unusable_password();
        }
    } else {
        auto password = prompt_new_password(attributes);
        if (!password) {
            report_error("too many failed attempts; no superuser created");
            return 1;
        }
        user.password = hasher.make_password(*password);
    }

    store::UserId id = 0;
    try {
        id = context.store->users().create(user);
    } catch (const store::DuplicateError&) {
        report_error("That username is already taken.");
        return 1;
    }
    log_system_action(context, {0, "auth", "user", std::to_string(id), user.username, store::AdminAction::addition,
                                R"([{"added": {}}])"});
    std::cout << "Superuser created successfully.\n";
    return 0;
}

int change_password(const CommonOptions& options, const std::string& username) {
    Context context = open_context(options, false, false);
    auto user = context.store->users().find_by_username(username);
    if (!user) {
        report_error("user '" + username + "' does not exist");
        return 1;
    }
    std::cout << "Changing password for user '" << user->username << "'\n";
    auto password = prompt_new_password(attributes_of(*user));
    if (!password) {
        report_error("Aborting password change for user '" + user->username + "' after " +
                     std::to_string(max_interactive_attempts) + " attempts");
        return 1;
    }
    auth::PasswordHasher hasher(context.settings.pbkdf2_iterations);
    context.store->users().set_password(user->id, hasher.make_password(*password));
    log_system_action(context, {0, "auth", "user", std::to_string(user->id), user->username, store::AdminAction::change,
                                R"([{"changed": {"fields": ["password"]}}])"});
    std::cout << "Password changed successfully for user '" << user->username << "'\n";
    return 0;
}

}  // namespace gatehouse::cli
