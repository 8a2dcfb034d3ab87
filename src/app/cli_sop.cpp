#include "app/cli.hpp"

namespace sopir::app {

void register_sop_commands(CLI::App&, CliContext&)
{
}

}
