#include "letters/argon2_gate.hpp"

#include <algorithm>
#include <thread>

namespace sopir {

Argon2Gate::Argon2Gate(int limit)
    : m_limit(std::max(limit, 1))
{
}

Argon2Gate::Place::Place(Argon2Gate& gate)
    : m_gate(gate)
{
    std::unique_lock lock(m_gate.m_mutex);
    m_gate.m_free.wait(lock, [&] { return m_gate.m_inside < m_gate.m_limit; });
    ++m_gate.m_inside;
}

Argon2Gate::Place::~Place()
{
    {
        std::lock_guard lock(m_gate.m_mutex);
        --m_gate.m_inside;
    }
    m_gate.m_free.notify_one();
}

Argon2Gate& argon2_gate()
{
    static Argon2Gate gate(static_cast<int>(std::thread::hardware_concurrency()));
    return gate;
}

}
