#pragma once
// Child processes for the storage tests: run one to completion, or start one,
// read what it prints, and kill it.

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace sopir::testing {

class ChildProcess {
public:
    explicit ChildProcess(std::vector<std::string> const& arguments)
    {
        int pipe_fds[2];
        if (pipe(pipe_fds) != 0)
            return;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
        posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
        std::vector<char*> argv;
        for (auto const& argument : arguments)
            argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        if (posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
            m_pid = -1;
        posix_spawn_file_actions_destroy(&actions);
        close(pipe_fds[1]);
        m_out = pipe_fds[0];
    }

    ~ChildProcess()
    {
        if (m_pid > 0 && !m_reaped) {
            kill(m_pid, SIGKILL);
            wait();
        }
        if (m_out >= 0)
            close(m_out);
    }

    bool started() const { return m_pid > 0; }

    // Reads what the process prints for `milliseconds` (less if it ends).
    void read_for(int milliseconds)
    {
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(milliseconds);
        for (;;) {
            auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
            if (left <= 0)
                break;
            pollfd fd { m_out, POLLIN, 0 };
            if (poll(&fd, 1, static_cast<int>(left)) <= 0)
                break;
            std::array<char, 65536> buffer;
            ssize_t n = read(m_out, buffer.data(), buffer.size());
            if (n <= 0)
                break;
            m_output.append(buffer.data(), static_cast<size_t>(n));
        }
    }

    void kill_hard() { kill(m_pid, SIGKILL); }

    // Reads to the end and returns the exit status (-signal when killed).
    int wait()
    {
        for (;;) {
            std::array<char, 65536> buffer;
            ssize_t n = read(m_out, buffer.data(), buffer.size());
            if (n > 0) {
                m_output.append(buffer.data(), static_cast<size_t>(n));
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            break;
        }
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_reaped = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    }

    std::string const& output() const { return m_output; }

private:
    pid_t m_pid { -1 };
    int m_out { -1 };
    bool m_reaped { false };
    std::string m_output;
};

struct Finished {
    int status;
    std::string output;
};

inline Finished run_to_end(std::vector<std::string> const& arguments)
{
    ChildProcess child(arguments);
    int const status = child.wait();
    return { status, child.output() };
}

}
