#pragma once
// The names of the people a page, a report or an export lists, read once
// per person: officers, who recorded an outage, who ended it.

#include "core/model.hpp"
#include "web/use_cases.hpp"

#include <map>
#include <string>

namespace sopir::web {

class UserNames {
public:
    // The names as `staff` may read them (Records::user_name).
    UserNames(Records const& records, Staff const& staff)
        : m_records(records)
        , m_staff(staff)
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
        auto name = m_records.user_name(m_staff, user_id);
        return m_names[user_id] = name.ok() ? *name : "Pengguna #" + std::to_string(user_id);
    }

    // Every name read so far, by id.
    std::map<Id, std::string> const& known() const { return m_names; }

private:
    Records const& m_records;
    Staff const& m_staff;
    std::map<Id, std::string> m_names;
};

}
