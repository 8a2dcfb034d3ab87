#include "app/cli.hpp"

int main(int argc, char** argv)
{
    return sopir::app::run_cli(argc, argv);
}
