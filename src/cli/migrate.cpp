#include "cli/commands.hpp"
#include "cli/context.hpp"

#include <iostream>

namespace gatehouse::cli {

int migrate(const CommonOptions& options) {
    // The key is created here too, so that the first `serve` finds it in place.
    Context context = open_context(options, true, true);
    std::cout << "Operations to perform: apply Django's auth, admin, contenttypes, sessions and token_blacklist "
                 "migrations\n";
    auto report = context.store->migrate();
    if (report.applied.empty()) std::cout << "  No migrations to apply.\n";
    for (const auto& name : report.applied) std::cout << "  Applying " << name << "... OK\n";
    std::cerr << "gatehouse: " << context.key_note << std::endl;
    return 0;
}

}  // namespace gatehouse::cli
