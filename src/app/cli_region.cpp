#include "app/cli.hpp"

namespace sopir::app {

void register_region_commands(CLI::App&, CliContext&)
{
}

}
