#include "letters/argon2_gate.hpp"

#include <algorithm>
#include <thread>

namespace sopir {

Argon2Gate::Argon2Gate(int limit)
    : m_limit(std::max(limit, 1))
    , m_admit_below(static_cast<std::uint64_t>(m_limit))
{
}

Argon2Gate::Place::Place(Argon2Gate& gate)
    : m_gate(gate)
{
    std::unique_lock lock(m_gate.m_mutex);
    std::uint64_t const ticket = m_gate.m_next_ticket++;
    ++m_gate.m_waiting;
    m_gate.m_turn.wait(lock, [&] { return ticket < m_gate.m_admit_below; });
    --m_gate.m_waiting;
}

Argon2Gate::Place::~Place()
{
    {
        std::lock_guard lock(m_gate.m_mutex);
        ++m_gate.m_admit_below;
    }
    // Every waiter looks whether the next turn is theirs.
    m_gate.m_turn.notify_all();
}

int Argon2Gate::waiting() const
{
    std::lock_guard lock(m_mutex);
    return m_waiting;
}

Argon2Gate& argon2_gate()
{
    static Argon2Gate gate(static_cast<int>(std::thread::hardware_concurrency()));
    return gate;
}

}
