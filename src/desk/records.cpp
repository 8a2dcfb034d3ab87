#include "desk/records.hpp"

#include "desk/letter_desk.hpp"
#include "core/json.hpp"

namespace sopir::desk {

Records::Records(store::Store& store, Desk const& desk)
    : m_store(store)
    , m_desk(desk)
{
}

Result<std::string> Records::user_name(Staff const& staff, Id user_id) const
{
    if (m_desk.is_applicant_only(staff))
        return Error::forbidden("Nama petugas hanya untuk petugas kantor.");
    auto user = m_store.user_by_id(user_id);
    if (!user.ok())
        return user.error();
    return user->full_name;
}

Result<store::RegisterPage> Records::search_register(Staff const& reader, store::RegisterQuery const& query) const
{
    if (m_desk.is_applicant_only(reader))
        return Error::forbidden("Buku register hanya untuk petugas kantor.");
    if (reader.office.id == 0 || query.office_id != reader.office.id)
        return Error::forbidden("Buku register kantor lain hanya untuk pengawas kabupaten.");
    return m_store.search_register(query);
}

LetterOffice Records::printed_office(Office const& office) const
{
    return desk::printed_office(m_store, office);
}

Status Records::log_case_read(Staff const& staff, Id case_id, std::string const& purpose, std::string const& address) const
{
    auto item = m_desk.case_in_office(staff, case_id);
    if (!item.ok())
        return item.error();
    return m_store.log_access(staff.user.id, case_id, purpose, address, m_desk.now());
}

Result<bool> Records::nik_has_cases(Staff const& staff, std::string const& nik) const
{
    auto cases = m_store.cases_by_nik(nik);
    if (!cases.ok())
        return cases.error();
    if (!m_desk.is_applicant_only(staff))
        return !cases->empty();
    for (auto const& item : *cases)
        if (item.created_by == staff.user.id)
            return true;
    return false;
}

Result<std::map<std::string, std::string>> Records::known_person(Staff const& staff, std::string const& nik, std::string const& service,
    std::string const& address) const
{
    std::map<std::string, std::string> known;
    SopDefinition const* definition = m_desk.service(service);
    InputGroup const* subject = definition ? definition->form.subject() : nullptr;
    if (!subject || m_desk.is_applicant_only(staff))
        return known;
    auto cases = m_store.cases_by_nik(nik);
    if (!cases.ok())
        return cases.error();
    Case const* latest = nullptr;
    for (auto const& item : *cases)
        if (item.office_id == staff.office.id && (!latest || item.created_at > latest->created_at))
            latest = &item;
    if (!latest)
        return known;
    auto const recorded = parse_json_or(latest->applicant_json, nlohmann::json());
    if (!recorded.is_object())
        return known;
    for (auto const& field : subject->fields) {
        auto found = recorded.find(field.name);
        if (field.name != "nik" && found != recorded.end() && found->is_string() && !found->get<std::string>().empty())
            known[subject->id + "." + field.name] = found->get<std::string>();
    }
    if (auto logged = m_store.log_access(staff.user.id, latest->id, "isi permohonan baru dari data sebelumnya", address, m_desk.now());
        !logged.ok())
        return logged.error();
    return known;
}

Result<std::vector<Office>> Records::offices() const
{
    return m_store.offices();
}

Result<std::optional<store::IdempotencyRecord>> Records::claim_idempotency_key(Id user_id, std::string const& key,
    std::string const& fingerprint, Timestamp retention_seconds) const
{
    Timestamp const now = m_desk.now();
    return m_store.claim_idempotency_key(user_id, key, fingerprint, now, now - retention_seconds);
}

Status Records::finish_idempotency_key(Id user_id, std::string const& key, int status, std::string const& location, std::string const& body) const
{
    return m_store.finish_idempotency_key(user_id, key, status, location, body);
}

Status Records::release_idempotency_key(Id user_id, std::string const& key) const
{
    return m_store.release_idempotency_key(user_id, key);
}

Status Records::ping() const
{
    return m_store.ping();
}

Result<std::vector<std::pair<std::string, std::int64_t>>> Records::count_cases_by_state() const
{
    return m_store.count_cases_by_state();
}

}
