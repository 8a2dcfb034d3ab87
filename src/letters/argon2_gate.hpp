#pragma once
// Argon2id at libsodium's interactive limits takes 64 MiB for the length of
// the hash. Sign-ins and signatures (which hash twice: the password, then
// the key it unlocks) ran as many at once as the server had threads, so
// eight requests signing together held half a gigabyte although two cores
// could only compute two of them at a time (issue 7's memory under load).
// Every Argon2id of sopir's passes this gate: at most as many at once as
// the machine has cores; the others wait their turn, which they would have
// spent waiting for a core anyway.

#include <condition_variable>
#include <mutex>

namespace sopir {

class Argon2Gate {
public:
    explicit Argon2Gate(int limit);

    // Holds one of the gate's places for as long as it lives.
    class Place {
    public:
        explicit Place(Argon2Gate&);
        ~Place();
        Place(Place const&) = delete;
        Place& operator=(Place const&) = delete;

    private:
        Argon2Gate& m_gate;
    };

    int limit() const { return m_limit; }

private:
    int const m_limit;
    int m_inside { 0 };
    std::mutex m_mutex;
    std::condition_variable m_free;
};

// The process's gate, as wide as std::thread::hardware_concurrency() (at
// least 1).
Argon2Gate& argon2_gate();

}
