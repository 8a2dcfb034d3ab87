#include "store/soci_store.hpp"

#include "core/audit.hpp"
#include "core/letter_number.hpp"
#include "store/database.hpp"
#include "store/queries.hpp"
#include "store/soci_support.hpp"
#include "store/transaction.hpp"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include <ctime>
#include <map>


namespace sopir::store {

namespace {

// Column buffers for one office row, bound to a statement in the order of
// queries::k_office_columns.
struct OfficeRow {
    Office office;
    std::string paper_size;

    void bind(soci::statement& statement)
    {
        statement.exchange(soci::into(office.id));
        statement.exchange(soci::into(office.code));
        statement.exchange(soci::into(office.name));
        statement.exchange(soci::into(office.regency));
        statement.exchange(soci::into(office.province));
        statement.exchange(soci::into(office.address));
        statement.exchange(soci::into(office.postal_code));
        statement.exchange(soci::into(office.phone));
        statement.exchange(soci::into(office.email));
        statement.exchange(soci::into(office.place_name));
        statement.exchange(soci::into(office.letter_number_pattern));
        statement.exchange(soci::into(office.registration_number_pattern));
        statement.exchange(soci::into(office.klasifikasi));
        statement.exchange(soci::into(office.unit_code));
        statement.exchange(soci::into(paper_size));
        statement.exchange(soci::into(office.disdukcapil_whatsapp));
        statement.exchange(soci::into(office.min_recording_age));
        statement.exchange(soci::into(office.utc_offset_minutes));
        statement.exchange(soci::into(office.created_at));
        statement.exchange(soci::into(office.logo_sha256));
        statement.exchange(soci::into(office.public_url));
    }

    Office get() const
    {
        Office result = office;
        result.paper_size = paper_size == "F4" ? PaperSize::F4 : PaperSize::A4;
        return result;
    }
};

std::optional<Date> parse_optional_date(std::string const& text, soci::indicator indicator)
{
    if (indicator != soci::i_ok)
        return std::nullopt;
    return parse_iso_date(text);
}

std::string optional_text(std::string const& text, soci::indicator indicator)
{
    return indicator == soci::i_ok ? text : std::string();
}

struct CaseRow {
    Case row;
    std::string registration_number, letter_number, birth_date;
    soci::indicator registration_indicator { soci::i_null }, letter_indicator { soci::i_null }, birth_indicator { soci::i_null }, created_by_indicator { soci::i_null };

    void bind(soci::statement& statement)
    {
        statement.exchange(soci::into(row.id));
        statement.exchange(soci::into(row.office_id));
        statement.exchange(soci::into(row.service_id));
        statement.exchange(soci::into(row.state));
        statement.exchange(soci::into(row.version));
        statement.exchange(soci::into(registration_number, registration_indicator));
        statement.exchange(soci::into(letter_number, letter_indicator));
        statement.exchange(soci::into(row.applicant_name));
        statement.exchange(soci::into(row.nik));
        statement.exchange(soci::into(birth_date, birth_indicator));
        statement.exchange(soci::into(row.village_code));
        statement.exchange(soci::into(row.applicant_json));
        statement.exchange(soci::into(row.documents_json));
        statement.exchange(soci::into(row.form_json));
        statement.exchange(soci::into(row.created_by, created_by_indicator));
        statement.exchange(soci::into(row.created_at));
        statement.exchange(soci::into(row.updated_at));
        statement.exchange(soci::into(row.sop_version));
    }

    Case get() const
    {
        Case result = row;
        result.registration_number = optional_text(registration_number, registration_indicator);
        result.letter_number = optional_text(letter_number, letter_indicator);
        result.birth_date = parse_optional_date(birth_date, birth_indicator);
        if (created_by_indicator != soci::i_ok)
            result.created_by = 0;
        return result;
    }
};

struct ActionRow {
    ActionRecord record;
    std::string reasons_json;
    soci::indicator actor_indicator { soci::i_null };

    void bind(soci::statement& statement)
    {
        statement.exchange(soci::into(record.id));
        statement.exchange(soci::into(record.case_id));
        statement.exchange(soci::into(record.office_id));
        statement.exchange(soci::into(record.case_seq));
        statement.exchange(soci::into(record.office_seq));
        statement.exchange(soci::into(record.from_state));
        statement.exchange(soci::into(record.action));
        statement.exchange(soci::into(record.to_state));
        statement.exchange(soci::into(record.actor_id, actor_indicator));
        statement.exchange(soci::into(record.at));
        statement.exchange(soci::into(record.note));
        statement.exchange(soci::into(reasons_json));
        statement.exchange(soci::into(record.data_json));
        statement.exchange(soci::into(record.case_hash));
        statement.exchange(soci::into(record.office_hash));
    }

    ActionRecord get() const
    {
        ActionRecord result = record;
        if (actor_indicator != soci::i_ok)
            result.actor_id = 0;
        result.reasons = reasons_from_json(reasons_json);
        return result;
    }
};

struct RegisterRow {
    RegisterEntry entry;

    void bind(soci::statement& statement)
    {
        statement.exchange(soci::into(entry.office_id));
        statement.exchange(soci::into(entry.register_id));
        statement.exchange(soci::into(entry.year));
        statement.exchange(soci::into(entry.number));
        statement.exchange(soci::into(entry.formatted));
        statement.exchange(soci::into(entry.case_id));
        statement.exchange(soci::into(entry.taken_at));
    }

    RegisterEntry get() const { return entry; }
};


// Appends one row to the case's and the office's chains. Runs inside the
// caller's transaction; `case_seq` follows the case's last row.
ActionRecord append_action(soci::session& sql, std::string const& mac_key, ActionRecord record, std::string const& previous_case_hash)
{
    std::int64_t office_seq = 0;
    std::string previous_office_hash;
    sql << queries::k_advance_audit_head, soci::use(record.office_id), soci::into(office_seq), soci::into(previous_office_hash);
    record.office_seq = office_seq;
    AuditedAction const audited { .case_id = record.case_id, .office_id = record.office_id, .case_seq = record.case_seq,
        .office_seq = record.office_seq, .from_state = record.from_state, .action = record.action, .to_state = record.to_state,
        .actor_id = record.actor_id, .at = record.at, .note = record.note, .reasons_json = reasons_to_json(record.reasons),
        .data_json = record.data_json };
    record.case_hash = chain_hash(previous_case_hash, audited);
    record.office_hash = chain_hash(previous_office_hash, audited);
    soci::indicator actor_indicator = record.actor_id ? soci::i_ok : soci::i_null;
    std::string const mac = mac_key.empty() ? std::string() : audit_mac(mac_key, audited);
    soci::indicator mac_indicator = mac_key.empty() ? soci::i_null : soci::i_ok;
    sql << queries::k_insert_action, soci::use(record.case_id), soci::use(record.office_id), soci::use(record.case_seq),
        soci::use(record.office_seq), soci::use(record.from_state), soci::use(record.action), soci::use(record.to_state),
        soci::use(record.actor_id, actor_indicator), soci::use(record.at), soci::use(record.note), soci::use(audited.reasons_json),
        soci::use(record.data_json), soci::use(record.case_hash), soci::use(record.office_hash), soci::use(mac, mac_indicator),
        soci::into(record.id);
    if (mac_key.empty())
        sql << queries::k_set_audit_head_hash, soci::use(record.office_hash), soci::use(record.office_id);
    else
        sql << queries::k_set_audit_head_keyed, soci::use(record.office_hash), soci::use(record.office_seq), soci::use(record.office_id);
    return record;
}

std::optional<Case> select_case(soci::session& sql, Id id)
{
    auto rows = select_all<CaseRow>(sql, queries::k_select_case, id);
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

std::optional<Office> select_office(soci::session& sql, Id id)
{
    auto rows = select_all<OfficeRow>(sql, queries::k_select_office_by_id, id);
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

}

// The body of every workflow action, inside the caller's transaction: read
// the case, check the action with the engine, move the case only if its
// version is still the one checked, take a number if the action gives one,
// and append the action to both chains.
static Result<ActionOutcome> perform_in_transaction(soci::session& sql, std::string const& mac_key, SopDefinition const& definition,
    ActionRequest const& request, std::optional<CaseDataUpdate> const& update, LetterWork const& letter = {})
{
    auto current = select_case(sql, request.case_id);
    if (!current)
        return Error::not_found("Kasus " + std::to_string(request.case_id) + " tidak ada.");
    if (current->service_id != definition.id)
        return Error::invalid_transition("Kasus " + std::to_string(request.case_id) + " bukan layanan " + definition.id + ".");
    if (request.expected_version && *request.expected_version != current->version)
        return Error::conflict("Kasus ini sudah diubah orang lain sejak Anda membukanya. Muat ulang halaman lalu periksa lagi.");

    CaseSnapshot snapshot { .state = current->state, .created_at = current->created_at };
    std::string previous_case_hash(k_genesis_hash);
    {
        HistoryEntry entry;
        Id actor = 0;
        soci::indicator actor_indicator;
        std::string hash;
        soci::statement history = (sql.prepare << queries::k_select_case_history, soci::use(request.case_id),
            soci::into(entry.action_id), soci::into(entry.from_state), soci::into(entry.to_state),
            soci::into(actor, actor_indicator), soci::into(entry.at), soci::into(hash));
        history.execute(false);
        while (history.fetch()) {
            entry.actor_id = actor_indicator == soci::i_ok ? std::to_string(actor) : std::string();
            snapshot.history.push_back(entry);
            previous_case_hash = hash;
        }
    }
    auto transition = apply_action(definition, snapshot, request.action_id, request.actor, request.data);
    if (!transition.ok())
        return transition.error();

    int affected = 0;
    {
        soci::statement update = (sql.prepare << queries::k_update_case_state, soci::use(transition->to_state),
            soci::use(request.now), soci::use(current->id), soci::use(current->version));
        update.execute(true);
        affected = static_cast<int>(update.get_affected_rows());
    }
    if (affected != 1)
        return Error::conflict("Kasus ini sudah diubah orang lain sejak Anda membukanya. Muat ulang halaman lalu periksa lagi.");

    if (update) {
        std::string const birth = update->birth_date ? to_iso(*update->birth_date) : std::string();
        soci::indicator birth_indicator = update->birth_date ? soci::i_ok : soci::i_null;
        sql << queries::k_update_case_data, soci::use(update->applicant_name), soci::use(update->nik), soci::use(birth, birth_indicator),
            soci::use(update->village_code), soci::use(update->applicant_json), soci::use(update->documents_json), soci::use(update->form_json),
            soci::use(current->id);
        sql << queries::k_update_register_names, soci::use(current->id), soci::use(current->id);
        current->applicant_name = update->applicant_name;
        current->nik = update->nik;
        current->birth_date = update->birth_date;
        current->village_code = update->village_code;
        current->applicant_json = update->applicant_json;
        current->documents_json = update->documents_json;
        current->form_json = update->form_json;
    }

    ActionOutcome outcome;
    if (transition->takes_number) {
        std::string kept;
        sql << queries::k_select_case_register_number, soci::use(*transition->takes_number), soci::use(current->id), soci::into(kept);
        if (sql.got_data()) {
            transition->data.fields["nomor"] = kept;
            transition->takes_number.reset();
        }
    }
    if (transition->takes_number) {
        RegisterDefinition const* register_definition = definition.find_register(*transition->takes_number);
        auto office = select_office(sql, current->office_id);
        if (!register_definition || !office)
            return Error::internal("Register " + *transition->takes_number + " atau kantornya tidak dikenal.");
        bool const is_letter = register_definition->kind == RegisterKind::Letter;
        auto pattern = LetterNumberPattern::parse(is_letter ? office->letter_number_pattern : office->registration_number_pattern);
        if (!pattern.ok())
            return pattern.error();
        Date const today = local_date(request.now, office->utc_offset_minutes);
        RegisterEntry entry { .office_id = office->id, .register_id = register_definition->id, .year = today.year,
            .case_id = current->id, .taken_at = request.now };
        sql << queries::k_ensure_sequence, soci::use(entry.office_id), soci::use(entry.register_id), soci::use(entry.year);
        sql << queries::k_next_in_sequence, soci::use(entry.office_id), soci::use(entry.register_id), soci::use(entry.year),
            soci::into(entry.number);
        entry.formatted = pattern->format({ .klasifikasi = number_classification(definition, *register_definition, office->klasifikasi), .nomor = entry.number,
            .unit = office->unit_code, .date = today, .kode_wilayah = office->code,
            .register_code = register_code(*register_definition) });
        sql << queries::k_insert_register_entry, soci::use(entry.office_id), soci::use(entry.register_id), soci::use(entry.year),
            soci::use(entry.number), soci::use(entry.formatted), soci::use(entry.case_id), soci::use(entry.taken_at), soci::use(entry.case_id);
        sql << (is_letter ? queries::k_set_letter_number : queries::k_set_registration_number), soci::use(entry.formatted), soci::use(current->id);
        (is_letter ? current->letter_number : current->registration_number) = entry.formatted;
        transition->data.fields["nomor"] = entry.formatted;
        outcome.number = entry;
    }

    if (transition->letter != LetterStage::None && letter) {
        Case after = *current;
        after.state = transition->to_state;
        after.version += 1;
        after.updated_at = request.now;
        auto written = write_letter_in_transaction(sql, letter, after, request.now);
        if (!written.ok())
            return written.error();
        transition->data.fields["sha256_surat"] = written->content_sha256;
    }

    if (request.outage_id)
        transition->data.fields["gangguan"] = std::to_string(*request.outage_id);
    ActionRecord record { .case_id = current->id, .office_id = current->office_id,
        .case_seq = static_cast<std::int64_t>(snapshot.history.size()) + 1, .from_state = transition->from_state,
        .action = transition->action_id, .to_state = transition->to_state, .actor_id = request.actor_user_id,
        .at = request.now, .note = transition->data.note, .reasons = transition->data.reasons,
        .data_json = fields_to_json(transition->data.fields) };
    outcome.record = append_action(sql, mac_key, record, previous_case_hash);
    if (request.outage_id && request.outage_link == ActionRequest::OutageLink::Hold)
        sql << queries::k_insert_outage_hold, soci::use(outcome.record.id), soci::use(*request.outage_id), soci::use(current->id);
    else if (request.outage_id)
        sql << queries::k_set_outage_resume, soci::use(outcome.record.id), soci::use(*request.outage_id), soci::use(current->id);

    current->state = transition->to_state;
    current->version += 1;
    current->updated_at = request.now;
    outcome.case_after = *current;
    return outcome;
}

SociStore::SociStore(Database& database)
    : m_database(database)
{
}

Backend SociStore::backend() const
{
    return m_database.backend();
}

Result<Office> SociStore::add_office(Office office, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Result<Office> {
        WriteTransaction transaction(sql, backend());
        office.created_at = now;
        std::string const paper = office.paper_size == PaperSize::F4 ? "F4" : "A4";
        sql << queries::k_insert_office,
            soci::use(office.code), soci::use(office.name), soci::use(office.regency), soci::use(office.province),
            soci::use(office.address), soci::use(office.postal_code), soci::use(office.phone), soci::use(office.email),
            soci::use(office.place_name), soci::use(office.letter_number_pattern), soci::use(office.registration_number_pattern),
            soci::use(office.klasifikasi), soci::use(office.unit_code), soci::use(paper), soci::use(office.disdukcapil_whatsapp),
            soci::use(office.min_recording_age), soci::use(office.utc_offset_minutes), soci::use(office.created_at),
            soci::into(office.id);
        std::string const genesis(k_genesis_hash);
        sql << queries::k_insert_audit_head, soci::use(office.id), soci::use(genesis);
        append_security_event(sql, m_audit_mac_key, { .kind = "kantor.tambah", .office_id = office.id,
            .subject = "kantor " + office.code, .data_json = nlohmann::json { { "code", office.code } }.dump(), .at = now });
        transaction.commit();
        return office;
    });
}

Result<Office> SociStore::office_by_code(std::string const& code)
{
    return with_session([&](soci::session& sql) {
        return select_one<OfficeRow>(sql, "Kantor dengan kode " + code + " tidak ada.", queries::k_select_office_by_code, code);
    });
}

Result<Office> SociStore::office_by_id(Id id)
{
    return with_session([&](soci::session& sql) {
        return select_one<OfficeRow>(sql, "Kantor " + std::to_string(id) + " tidak ada.", queries::k_select_office_by_id, id);
    });
}

Result<std::vector<Office>> SociStore::offices()
{
    return with_session([&](soci::session& sql) -> Result<std::vector<Office>> {
        return select_all<OfficeRow>(sql, queries::k_select_offices);
    });
}

namespace {

    // What a security event records of a new user: no personal data beyond
    // the user name, and the roles given.
    std::string user_change_json(User const& user, std::vector<RoleAssignment> const& roles)
    {
        nlohmann::json list = nlohmann::json::array();
        for (auto const& role : roles) {
            nlohmann::json item { { "office_id", role.office_id }, { "role", role.role }, { "acting", acting_to_text(role.acting) },
                { "valid_from", role.valid_from ? to_iso(*role.valid_from) : std::string() },
                { "valid_until", role.valid_until ? to_iso(*role.valid_until) : std::string() } };
            if (!role.surat_perintah.empty())
                item["surat_perintah"] = role.surat_perintah;
            list.push_back(item);
        }
        return nlohmann::json { { "username", user.username }, { "active", user.active }, { "roles", list } }.dump();
    }

    void insert_user(soci::session& sql, User& user, Timestamp now)
    {
        user.created_at = now;
        int const active = user.active ? 1 : 0;
        int const must_change = user.must_change_password ? 1 : 0;
        sql << queries::k_insert_user, soci::use(user.username), soci::use(user.full_name), soci::use(user.nip),
            soci::use(user.pangkat_golongan), soci::use(user.password_hash), soci::use(active), soci::use(user.created_at),
            soci::use(must_change), soci::into(user.id);
    }

}

Result<User> SociStore::add_user(User user, std::vector<RoleAssignment> const& roles, Timestamp now, Id actor)
{
    return with_session([&](soci::session& sql) -> Result<User> {
        WriteTransaction transaction(sql, backend());
        insert_user(sql, user, now);
        for (auto const& role : roles) {
            std::string const acting = acting_to_text(role.acting);
            std::string from = role.valid_from ? to_iso(*role.valid_from) : std::string();
            std::string until = role.valid_until ? to_iso(*role.valid_until) : std::string();
            soci::indicator from_indicator = role.valid_from ? soci::i_ok : soci::i_null;
            soci::indicator until_indicator = role.valid_until ? soci::i_ok : soci::i_null;
            sql << queries::k_insert_role_assignment, soci::use(user.id), soci::use(role.office_id), soci::use(role.role),
                soci::use(acting), soci::use(from, from_indicator), soci::use(until, until_indicator), soci::use(now),
                soci::use(role.surat_perintah);
        }
        append_security_event(sql, m_audit_mac_key, { .kind = "pengguna.tambah", .actor_id = actor, .subject = "pengguna " + std::to_string(user.id),
            .data_json = user_change_json(user, roles), .at = now });
        transaction.commit();
        return user;
    });
}

Result<User> SociStore::user_by_username(std::string const& username)
{
    return with_session([&](soci::session& sql) {
        return select_one<UserRow>(sql, "Pengguna " + username + " tidak ada.", queries::k_select_user_by_username, username);
    });
}

Result<User> SociStore::user_by_id(Id id)
{
    return with_session([&](soci::session& sql) {
        return select_one<UserRow>(sql, "Pengguna " + std::to_string(id) + " tidak ada.", queries::k_select_user_by_id, id);
    });
}

Result<std::map<Id, std::string>> SociStore::user_full_names(std::vector<Id> const& ids)
{
    return with_session([&](soci::session& sql) -> Result<std::map<Id, std::string>> {
        std::map<Id, std::string> out;
        if (ids.empty())
            return out;
        // The ids are integers, written into the query; a case's history
        // names a handful of people.
        std::string list;
        for (Id id : ids)
            list += (list.empty() ? "" : ",") + std::to_string(id);
        Id id = 0;
        std::string name;
        soci::statement statement = (sql.prepare << "SELECT id, full_name FROM users WHERE id IN (" + list + ")", soci::into(id), soci::into(name));
        statement.execute(false);
        while (statement.fetch())
            out[id] = name;
        return out;
    });
}

Result<std::vector<RoleAssignment>> SociStore::role_assignments(Id user_id)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<RoleAssignment>> {
        return select_all<RoleAssignmentRow>(sql, queries::k_select_role_assignments, user_id);
    });
}

Result<User> SociStore::add_supervisor(User user, std::vector<std::string> const& regency_codes, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Result<User> {
        WriteTransaction transaction(sql, backend());
        insert_user(sql, user, now);
        for (auto const& code : regency_codes)
            sql << queries::k_insert_supervision, soci::use(user.id), soci::use(code), soci::use(now);
        append_security_event(sql, m_audit_mac_key, { .kind = "pengguna.tambah_pengawas", .subject = "pengguna " + std::to_string(user.id),
            .data_json = nlohmann::json { { "username", user.username }, { "kabupaten", regency_codes } }.dump(), .at = now });
        transaction.commit();
        return user;
    });
}

Result<std::vector<std::string>> SociStore::supervised_regencies(Id user_id)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<std::string>> {
        std::vector<std::string> codes;
        std::string code;
        soci::statement statement = (sql.prepare << queries::k_select_supervisions, soci::use(user_id), soci::into(code));
        statement.execute(false);
        while (statement.fetch())
            codes.push_back(code);
        return codes;
    });
}

Result<std::int64_t> SociStore::count_users()
{
    return with_session([&](soci::session& sql) -> Result<std::int64_t> {
        std::int64_t count = 0;
        sql << queries::k_count_users, soci::into(count);
        return count;
    });
}

Result<Case> SociStore::create_case(SopDefinition const& definition, NewCase const& new_case, Id actor_user_id, Timestamp now,
    std::optional<ActionRequest> submit)
{
    return with_session([&](soci::session& sql) -> Result<Case> {
        WriteTransaction transaction(sql, backend());
        Case created;
        created.office_id = new_case.office_id;
        created.service_id = definition.id;
        created.state = definition.initial_step;
        created.applicant_name = new_case.applicant_name;
        created.nik = new_case.nik;
        created.birth_date = new_case.birth_date;
        created.village_code = new_case.village_code;
        created.applicant_json = new_case.applicant_json;
        created.documents_json = new_case.documents_json;
        created.form_json = new_case.form_json;
        created.created_by = actor_user_id;
        created.created_at = created.updated_at = now;
        created.sop_version = definition.version;
        std::string const birth = new_case.birth_date ? to_iso(*new_case.birth_date) : std::string();
        soci::indicator birth_indicator = new_case.birth_date ? soci::i_ok : soci::i_null;
        soci::indicator creator_indicator = actor_user_id ? soci::i_ok : soci::i_null;
        sql << queries::k_insert_case, soci::use(created.office_id), soci::use(created.service_id), soci::use(created.state),
            soci::use(created.applicant_name), soci::use(created.nik), soci::use(birth, birth_indicator), soci::use(created.village_code),
            soci::use(created.applicant_json), soci::use(created.documents_json), soci::use(created.form_json), soci::use(actor_user_id, creator_indicator),
            soci::use(now), soci::use(now), soci::use(created.sop_version), soci::into(created.id);
        ActionRecord record { .case_id = created.id, .office_id = created.office_id, .case_seq = 1, .from_state = "",
            .action = k_create_action, .to_state = created.state, .actor_id = actor_user_id, .at = now, .data_json = "{}" };
        append_action(sql, m_audit_mac_key, record, std::string(k_genesis_hash));
        if (submit) {
            submit->case_id = created.id;
            auto submitted = perform_in_transaction(sql, m_audit_mac_key, definition, *submit, std::nullopt);
            if (!submitted.ok())
                return submitted.error();
            created = submitted->case_after;
        }
        transaction.commit();
        return created;
    });
}

Result<ActionOutcome> SociStore::perform_action(SopDefinition const& definition, ActionRequest const& request, std::optional<CaseDataUpdate> const& update,
    LetterWork const& letter)
{
    return with_session([&](soci::session& sql) -> Result<ActionOutcome> {
        WriteTransaction transaction(sql, backend());
        auto outcome = perform_in_transaction(sql, m_audit_mac_key, definition, request, update, letter);
        if (outcome.ok())
            transaction.commit();
        return outcome;
    });
}

Result<Case> SociStore::case_by_id(Id id)
{
    return with_session([&](soci::session& sql) {
        return select_one<CaseRow>(sql, "Kasus " + std::to_string(id) + " tidak ada.", queries::k_select_case, id);
    });
}

Result<std::vector<ActionRecord>> SociStore::case_actions(Id case_id)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<ActionRecord>> {
        return select_all<ActionRow>(sql, queries::k_select_case_actions, case_id);
    });
}

Result<std::vector<RegisterEntry>> SociStore::register_entries(Id office_id, std::string const& register_id, int year)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<RegisterEntry>> {
        return select_all<RegisterRow>(sql, queries::k_select_register_entries, office_id, register_id, year);
    });
}

Result<std::vector<RegisterLine>> SociStore::register_lines(Id office_id, std::string const& register_id, Timestamp from, Timestamp to)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<RegisterLine>> {
        return select_all<RegisterLineRow>(sql, queries::k_select_register_lines, office_id, register_id, from, to);
    });
}

Status SociStore::log_access(Id user_id, Id case_id, std::string const& purpose, std::string const& address, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Status {
        soci::indicator user_indicator = user_id ? soci::i_ok : soci::i_null;
        sql << queries::k_insert_access, soci::use(user_id, user_indicator), soci::use(case_id), soci::use(now), soci::use(purpose), soci::use(address);
        return Ok {};
    });
}

std::unique_ptr<Store> make_soci_store(Database& database)
{
    return std::make_unique<SociStore>(database);
}

}

namespace sopir::store {

namespace {

struct SessionRow {
    SessionRecord session;

    void bind(soci::statement& statement)
    {
        statement.exchange(soci::into(session.token_hash));
        statement.exchange(soci::into(session.user_id));
        statement.exchange(soci::into(session.csrf_token));
        statement.exchange(soci::into(session.created_at));
        statement.exchange(soci::into(session.last_seen_at));
        statement.exchange(soci::into(session.expires_at));
        statement.exchange(soci::into(session.address));
    }

    SessionRecord get() const { return session; }
};

struct ApiTokenRow {
    ApiTokenRecord token;
    Timestamp expires_at { 0 }, revoked_at { 0 };
    soci::indicator expires_indicator { soci::i_null }, revoked_indicator { soci::i_null };

    void bind(soci::statement& statement)
    {
        statement.exchange(soci::into(token.id));
        statement.exchange(soci::into(token.user_id));
        statement.exchange(soci::into(token.name));
        statement.exchange(soci::into(token.token_hash));
        statement.exchange(soci::into(token.created_at));
        statement.exchange(soci::into(expires_at, expires_indicator));
        statement.exchange(soci::into(revoked_at, revoked_indicator));
    }

    ApiTokenRecord get() const
    {
        ApiTokenRecord result = token;
        result.expires_at = expires_indicator == soci::i_ok ? std::optional<Timestamp>(expires_at) : std::nullopt;
        result.revoked_at = revoked_indicator == soci::i_ok ? std::optional<Timestamp>(revoked_at) : std::nullopt;
        return result;
    }
};

}

Result<std::vector<Case>> SociStore::cases_in_states(Id office_id, std::vector<std::string> const& states, int limit)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<Case>> {
        if (states.empty())
            return std::vector<Case> {};
        // One placeholder per state; the states come from the SOP definition,
        // and are bound as values all the same.
        std::string query = std::string(queries::k_case_columns_from) + "WHERE office_id = :office_id AND state IN (";
        for (size_t i = 0; i < states.size(); ++i)
            query += (i ? ", :s" : ":s") + std::to_string(i);
        query += ") ORDER BY updated_at, id LIMIT " + std::to_string(std::max(1, limit));
        std::vector<Case> out;
        CaseRow row;
        soci::statement statement(sql);
        statement.alloc();
        statement.prepare(query);
        row.bind(statement);
        statement.exchange(soci::use(office_id));
        for (auto const& state : states)
            statement.exchange(soci::use(state));
        statement.define_and_bind();
        statement.execute(false);
        while (statement.fetch())
            out.push_back(row.get());
        return out;
    });
}

Result<std::vector<Case>> SociStore::cases_by_registration_number(std::string const& number)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<Case>> {
        return select_all<CaseRow>(sql, std::string(queries::k_case_columns_from) + queries::k_select_cases_by_registration, number);
    });
}

Result<std::vector<Case>> SociStore::cases_by_nik(std::string const& nik)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<Case>> {
        return select_all<CaseRow>(sql, std::string(queries::k_case_columns_from) + queries::k_select_cases_by_nik, nik);
    });
}

Result<std::vector<std::pair<std::string, std::int64_t>>> SociStore::count_cases_by_state()
{
    return with_session([&](soci::session& sql) -> Result<std::vector<std::pair<std::string, std::int64_t>>> {
        std::vector<std::pair<std::string, std::int64_t>> out;
        std::string state;
        std::int64_t count = 0;
        soci::statement statement = (sql.prepare << queries::k_count_cases_by_state, soci::into(state), soci::into(count));
        statement.execute(false);
        while (statement.fetch())
            out.emplace_back(state, count);
        return out;
    });
}

Status SociStore::create_session(SessionRecord const& session)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        // Expired sessions are cleared as new ones are made.
        sql << queries::k_delete_expired_sessions, soci::use(session.created_at);
        sql << queries::k_insert_session, soci::use(session.token_hash), soci::use(session.user_id), soci::use(session.csrf_token),
            soci::use(session.created_at), soci::use(session.last_seen_at), soci::use(session.expires_at), soci::use(session.address);
        transaction.commit();
        return Ok {};
    });
}

Result<SessionRecord> SociStore::session_by_hash(std::string const& token_hash)
{
    return with_session([&](soci::session& sql) {
        return select_one<SessionRow>(sql, "Sesi tidak ada.", queries::k_select_session, token_hash);
    });
}

Status SociStore::touch_session(std::string const& token_hash, Timestamp now, Timestamp expires_at)
{
    return with_session([&](soci::session& sql) -> Status {
        sql << queries::k_touch_session, soci::use(now), soci::use(expires_at), soci::use(token_hash);
        return Ok {};
    });
}

Status SociStore::delete_session(std::string const& token_hash)
{
    return with_session([&](soci::session& sql) -> Status {
        sql << queries::k_delete_session, soci::use(token_hash);
        return Ok {};
    });
}

Result<ApiTokenRecord> SociStore::create_api_token(ApiTokenRecord token)
{
    return with_session([&](soci::session& sql) -> Result<ApiTokenRecord> {
        Timestamp expires = token.expires_at.value_or(0);
        soci::indicator expires_indicator = token.expires_at ? soci::i_ok : soci::i_null;
        sql << queries::k_insert_api_token, soci::use(token.user_id), soci::use(token.name), soci::use(token.token_hash),
            soci::use(token.created_at), soci::use(expires, expires_indicator), soci::into(token.id);
        return token;
    });
}

Result<ApiTokenRecord> SociStore::api_token_by_hash(std::string const& token_hash)
{
    return with_session([&](soci::session& sql) {
        return select_one<ApiTokenRow>(sql, "Token tidak ada.", queries::k_select_api_token, token_hash);
    });
}

Status SociStore::record_login_attempt(LoginAttempt const& attempt, AttemptOutcome outcome, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Status {
        int const success = outcome == AttemptOutcome::Succeeded ? 1 : 0;
        sql << queries::k_insert_login_attempt, soci::use(attempt.username), soci::use(attempt.address), soci::use(attempt.credential),
            soci::use(success), soci::use(now);
        return Ok {};
    });
}

Result<std::int64_t> SociStore::failed_logins_since(AttemptKey key, LoginAttempt const& attempt, Timestamp since)
{
    return with_session([&](soci::session& sql) -> Result<std::int64_t> {
        std::int64_t count = 0;
        switch (key) {
        case AttemptKey::UserAtAddress:
            sql << queries::k_failed_logins_by_user_at_address, soci::use(attempt.username), soci::use(attempt.address), soci::use(since),
                soci::use(attempt.username), soci::use(attempt.address), soci::into(count);
            break;
        case AttemptKey::Address:
            sql << queries::k_failed_logins_by_address, soci::use(attempt.address), soci::use(since), soci::into(count);
            break;
        case AttemptKey::Credential:
            sql << queries::k_failed_logins_by_credential, soci::use(attempt.credential), soci::use(since), soci::use(attempt.credential),
                soci::into(count);
            break;
        }
        return count;
    });
}

Result<bool> SociStore::signed_in_from(std::string const& username, std::string const& address, Timestamp since)
{
    return with_session([&](soci::session& sql) -> Result<bool> {
        std::int64_t count = 0;
        sql << queries::k_count_sign_ins_from, soci::use(username), soci::use(address), soci::use(since), soci::into(count);
        return count > 0;
    });
}

Status SociStore::set_password_hash(Id user_id, std::string const& hash)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        sql << queries::k_set_password_hash, soci::use(hash), soci::use(user_id);
        append_security_event(sql, m_audit_mac_key, { .kind = "pengguna.ganti_sandi", .actor_id = user_id,
            .subject = "pengguna " + std::to_string(user_id), .at = static_cast<Timestamp>(std::time(nullptr)) });
        transaction.commit();
        return Ok {};
    });
}

namespace {

std::int64_t execute_counting(soci::statement&& statement)
{
    statement.execute(true);
    return static_cast<std::int64_t>(statement.get_affected_rows());
}

char const* reason_name(RevocationReason reason)
{
    return reason == RevocationReason::PasswordChange ? "ganti_sandi" : "keluar";
}

// Every revocation is recorded here, inside the transaction that ends the
// sign-ins: the one place where a revocation reaches the record of what
// happened.
// A revocation is recorded in its table and chained: a password change as
// itself (it is what ended the other sign-ins), a sign-out as "sesi.keluar".
void insert_revocation(soci::session& sql, std::string const& mac_key, RevocationRecord const& record)
{
    std::string const reason = reason_name(record.reason);
    sql << queries::k_insert_revocation, soci::use(record.user_id), soci::use(reason), soci::use(record.sessions), soci::use(record.tokens),
        soci::use(record.address), soci::use(record.at);
    nlohmann::json const ended { { "sesi", record.sessions }, { "token", record.tokens } };
    append_security_event(sql, mac_key,
        { .kind = record.reason == RevocationReason::PasswordChange ? "pengguna.ganti_sandi" : "sesi.keluar", .actor_id = record.user_id,
            .subject = "pengguna " + std::to_string(record.user_id), .data_json = ended.dump(), .at = record.at });
}

}

Result<RevocationRecord> SociStore::sign_out(Id user_id, CredentialKind kind, std::string const& token_hash, std::string const& address, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Result<RevocationRecord> {
        WriteTransaction transaction(sql, backend());
        RevocationRecord record { .user_id = user_id, .reason = RevocationReason::SignOut, .address = address, .at = now };
        if (kind == CredentialKind::Session)
            record.sessions = execute_counting((sql.prepare << queries::k_sign_out_session, soci::use(token_hash), soci::use(user_id)));
        else
            record.tokens = execute_counting((sql.prepare << queries::k_revoke_api_token, soci::use(now), soci::use(token_hash), soci::use(user_id)));
        if (record.sessions + record.tokens == 0)
            return Error::not_found("Sesi atau token ini sudah berakhir.");
        insert_revocation(sql, m_audit_mac_key, record);
        transaction.commit();
        return record;
    });
}

Result<RevocationRecord> SociStore::set_password_ending_other_sign_ins(Id user_id, std::string const& hash, SignInKept const& kept,
    std::string const& address, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Result<RevocationRecord> {
        WriteTransaction transaction(sql, backend());
        sql << queries::k_set_password_hash, soci::use(hash), soci::use(user_id);
        RevocationRecord record { .user_id = user_id, .reason = RevocationReason::PasswordChange, .address = address, .at = now };
        record.sessions = execute_counting((sql.prepare << queries::k_delete_other_sessions, soci::use(user_id), soci::use(kept.session_hash)));
        record.tokens = execute_counting((sql.prepare << queries::k_revoke_other_api_tokens, soci::use(now), soci::use(user_id), soci::use(kept.token_hash)));
        insert_revocation(sql, m_audit_mac_key, record);
        transaction.commit();
        return record;
    });
}

Result<std::vector<RevocationRecord>> SociStore::revocations(Id user_id)
{
    return with_session([&](soci::session& sql) -> Result<std::vector<RevocationRecord>> {
        std::vector<RevocationRecord> out;
        RevocationRecord row;
        std::string reason;
        soci::statement statement = (sql.prepare << queries::k_select_revocations, soci::use(user_id), soci::into(row.user_id), soci::into(reason),
            soci::into(row.sessions), soci::into(row.tokens), soci::into(row.address), soci::into(row.at));
        statement.execute();
        while (statement.fetch()) {
            row.reason = reason == "ganti_sandi" ? RevocationReason::PasswordChange : RevocationReason::SignOut;
            out.push_back(row);
        }
        return out;
    });
}

Status SociStore::ping()
{
    return with_session([&](soci::session& sql) -> Status {
        int one = 0;
        sql << "SELECT 1", soci::into(one);
        return Ok {};
    });
}

}
