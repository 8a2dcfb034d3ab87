#pragma once
// Runs the real sopir binary and captures what it printed and how it exited.

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace sopir::testing {

struct RunResult {
    int exit_code { -1 };
    std::string out; // stdout and stderr, interleaved.
};

inline std::string shell_quote(std::string const& arg)
{
    std::string quoted = "'";
    for (char c : arg) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    return quoted + "'";
}

// `args` is appended to the binary, each argument quoted.
template<typename... Args>
RunResult run_sopir(Args const&... args)
{
    std::string command = shell_quote(SOPIR_BINARY);
    ((command += " " + shell_quote(std::string(args))), ...);
    command += " 2>&1";
    RunResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return result;
    std::array<char, 4096> buffer {};
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.out.append(buffer.data(), n);
    int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

}
