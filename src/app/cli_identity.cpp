#include "app/cli.hpp"

namespace sopir::app {

void register_identity_commands(CLI::App&, CliContext&)
{
}

}
