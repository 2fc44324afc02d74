#include "cli/commands.hpp"
#include "cli/context.hpp"

#include <iostream>
#include <vector>

namespace gatehouse::cli {

int check(const CommonOptions& options) {
    Context context = open_context(options, true, false);
    std::vector<std::string> issues;
    auto pending = context.store->pending_migrations();
    if (!pending.empty()) {
        issues.push_back(std::to_string(pending.size()) + " unapplied migration(s), starting with " + pending.front() +
                         "; run `gatehouse migrate`");
    }
    if (auto id = context.settings.system_user_id; id) {
        if (pending.empty() && !context.store->users().find_by_id(*id)) {
            issues.push_back("SYSTEM_USER_ID=" + std::to_string(*id) + " names no user");
        }
    } else {
        std::cout << "note: SYSTEM_USER_ID is not set; changes made from the command line are not logged\n";
    }
    std::cout << config::describe(context.settings) << "database: " << context.store->describe() << "\n";
    if (issues.empty()) {
        std::cout << "System check identified no issues.\n";
        return 0;
    }
    for (const auto& issue : issues) std::cout << "ERROR: " << issue << "\n";
    std::cout << "System check identified " << issues.size() << " issue(s).\n";
    return 1;
}

}  // namespace gatehouse::cli
