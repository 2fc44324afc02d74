#include "cli/commands.hpp"
#include "cli/context.hpp"

#include <iostream>

namespace gatehouse::cli {

int flush_expired_tokens(const CommonOptions& options) {
    Context context = open_context(options, false, false);
    auto removed = context.store->tokens().flush_expired(store::now());
    std::cout << "Deleted " << removed << " expired outstanding token(s) and their blacklist entries.\n";
    if (removed > 0) {
        log_system_action(context, {0, "token_blacklist", "outstandingtoken", "",
                                    std::to_string(removed) + " expired outstanding tokens", store::AdminAction::deletion,
                                    ""});
    }
    return 0;
}

}  // namespace gatehouse::cli
