#pragma once
// Argon2id at libsodium's interactive limits takes 64 MiB for the length of
// the hash. Sign-ins and signatures (which hash twice: the password, then
// the key it unlocks) ran as many at once as the server had threads, so
// eight requests signing together held half a gigabyte although two cores
// could only compute two of them at a time (the memory a burst of signings would take).
// Every Argon2id of sopir's passes this gate: at most as many at once as
// the machine has cores; the others wait their turn, which they would have
// spent waiting for a core anyway. Turns are given in order of arrival: a
// gate that let any waiter in left some signatures waiting many seconds
// behind later ones.

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace sopir {

class Argon2Gate {
public:
    explicit Argon2Gate(int limit);

    // Holds one of the gate's places for as long as it lives; waits for it
    // behind those who came first.
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
    // How many wait for a place now.
    int waiting() const;

private:
    int const m_limit;
    // Arrivals are numbered; those numbered below m_admit_below may enter.
    std::uint64_t m_next_ticket { 0 };
    std::uint64_t m_admit_below { 0 };
    int m_waiting { 0 };
    mutable std::mutex m_mutex;
    std::condition_variable m_turn;
};

// The process's gate, as wide as std::thread::hardware_concurrency() (at
// least 1).
Argon2Gate& argon2_gate();

}
