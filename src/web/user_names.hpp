#pragma once
// The names of the people a page, a report or an export lists, read once
// per person: officers, who recorded an outage, who ended it.

#include "core/model.hpp"
#include "store/store.hpp"

#include <map>
#include <string>

namespace sopir::web {

class UserNames {
public:
    explicit UserNames(store::Store& store)
        : m_store(store)
    {
    }

    // The full name with titles; "" for no one (id 0), "Pengguna #ID" for
    // an id the store does not know.
    std::string const& name(Id user_id)
    {
        static std::string const k_no_one;
        if (user_id == 0)
            return k_no_one;
        if (auto found = m_names.find(user_id); found != m_names.end())
            return found->second;
        auto user = m_store.user_by_id(user_id);
        return m_names[user_id] = user.ok() ? user->full_name : "Pengguna #" + std::to_string(user_id);
    }

    // Every name read so far, by id.
    std::map<Id, std::string> const& known() const { return m_names; }

private:
    store::Store& m_store;
    std::map<Id, std::string> m_names;
};

}
