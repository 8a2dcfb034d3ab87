#include "desk/desk.hpp"

#include "core/identity.hpp"
#include "core/json.hpp"
#include "core/office_sop.hpp"
#include "core/text.hpp"
#include "core/timezone.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iterator>
#include <map>

namespace sopir::desk {

namespace {

    // The status check's PIN: six random digits. It guards nothing the
    // database does not hold already (the status of one case), so it is
    // kept as a salted BLAKE2b hash, not with Argon2 (which would hand the
    // public page a lever on the server's memory and CPU); guessing is
    // stopped by counting wrong PINs per case and per address instead.
    constexpr std::size_t k_pin_salt_bytes = 16;

    std::string new_status_pin()
    {
        if (sodium_init() < 0)
            std::abort();
        std::string pin = std::to_string(randombytes_uniform(1'000'000));
        return std::string(6 - pin.size(), '0') + pin;
    }

    std::string hex(unsigned char const* bytes, std::size_t size)
    {
        std::string out(size * 2 + 1, '\0');
        sodium_bin2hex(out.data(), out.size(), bytes, size);
        out.pop_back();
        return out;
    }

    std::array<unsigned char, crypto_generichash_BYTES> pin_digest(std::string const& pin, unsigned char const* salt)
    {
        std::array<unsigned char, crypto_generichash_BYTES> digest {};
        crypto_generichash(digest.data(), digest.size(), reinterpret_cast<unsigned char const*>(pin.data()), pin.size(), salt, k_pin_salt_bytes);
        return digest;
    }

    // "b2:SALT:HASH", both hex.
    std::string hash_status_pin(std::string const& pin)
    {
        std::array<unsigned char, k_pin_salt_bytes> salt {};
        randombytes_buf(salt.data(), salt.size());
        auto const digest = pin_digest(pin, salt.data());
        return "b2:" + hex(salt.data(), salt.size()) + ":" + hex(digest.data(), digest.size());
    }

    bool status_pin_matches(std::string const& pin, std::string const& stored)
    {
        std::array<unsigned char, k_pin_salt_bytes> salt {};
        std::array<unsigned char, crypto_generichash_BYTES> expected {};
        if (stored.size() != 3 + salt.size() * 2 + 1 + expected.size() * 2 || !stored.starts_with("b2:"))
            return false;
        std::size_t salt_length = 0, hash_length = 0;
        if (sodium_hex2bin(salt.data(), salt.size(), stored.data() + 3, salt.size() * 2, nullptr, &salt_length, nullptr) != 0
            || sodium_hex2bin(expected.data(), expected.size(), stored.data() + 4 + salt.size() * 2, expected.size() * 2, nullptr, &hash_length, nullptr) != 0)
            return false;
        auto const digest = pin_digest(pin, salt.data());
        return sodium_memcmp(digest.data(), expected.data(), digest.size()) == 0;
    }

    bool is_status_pin(std::string const& pin)
    {
        return pin.size() == 6 && pin.find_first_not_of("0123456789") == std::string::npos;
    }

    Error throttled_pin()
    {
        Error error = Error::conflict("PIN untuk nomor ini sudah terlalu sering salah dan tidak berlaku lagi. Mintalah petugas mencetak ulang tanda terima untuk PIN baru.");
        error.code = "status.throttled";
        return error;
    }

}

Desk::Desk(store::Store& store, std::vector<SopDefinition> const& catalog, Regions const& regions, std::function<Timestamp()> clock)
    : m_store(store)
    , m_catalog(catalog)
    , m_regions(regions)
    , m_clock(std::move(clock))
{
}

SopDefinition const* Desk::service(std::string_view id) const
{
    for (auto const& definition : m_catalog)
        if (definition.id == id)
            return &definition;
    return nullptr;
}

Result<SopDefinition const*> Desk::known_service(std::string_view id) const
{
    if (auto const* found = service(id))
        return found;
    return Error::invalid("service", "Layanan '" + std::string(id) + "' tidak dikenal.", "service.unknown");
}

Result<SopDefinition> Desk::office_definition(Id office_id, std::string const& service_id) const
{
    auto known = known_service(service_id);
    if (!known.ok())
        return known.error();
    auto stated = m_store.office_sop(office_id, service_id);
    if (!stated.ok())
        return stated.error();
    return *stated ? with_office_sop(**known, **stated) : **known;
}

Result<SopDefinition> Desk::definition_of(Case const& item) const
{
    SopDefinition const* current = service(item.service_id);
    SopDefinition const* filed = current && (item.sop_version.empty() || item.sop_version == current->version) ? current : nullptr;
    for (auto const& earlier : m_earlier)
        if (!filed && earlier.id == item.service_id && earlier.version == item.sop_version)
            filed = &earlier;
    // A case whose version the database no longer holds is not run under
    // another one: its steps may not be the current file's.
    if (!filed)
        return Error::internal("SOP " + item.service_id + " versi " + item.sop_version.substr(0, 12) + " tidak dimuat.");
    auto stated = m_store.office_sop(item.office_id, item.service_id);
    if (!stated.ok())
        return stated.error();
    return *stated ? with_office_sop(*filed, **stated) : *filed;
}

Result<Staff> Desk::staff(User const& user) const
{
    auto assignments = m_store.role_assignments(user.id);
    if (!assignments.ok())
        return assignments.error();
    if (assignments->empty()) {
        // A kabupaten supervisor: no office role, the kabupaten as office.
        auto supervised = m_store.supervised_regencies(user.id);
        if (!supervised.ok())
            return supervised.error();
        if (supervised->empty())
            return Error::forbidden("Akun ini belum punya peran di kantor mana pun.");
        std::string const& code = supervised->front();
        Region const* kabupaten = m_regions.find(code);
        Region const* province = m_regions.find(code.substr(0, 2));
        std::string const name = kabupaten ? kabupaten->name : "Kabupaten " + code;
        Office office { .id = 0, .code = code, .name = name, .regency = name, .province = province ? province->name : std::string(),
            .utc_offset_minutes = utc_offset_for_province(code) };
        Staff staff { .user = user, .office = office, .supervises = *supervised };
        staff.today = local_date(m_clock(), office.utc_offset_minutes);
        return staff;
    }
    auto office = m_store.office_by_id(assignments->front().office_id);
    if (!office.ok())
        return office.error();
    Staff staff { .user = user, .office = *office, .assignments = *assignments };
    staff.today = local_date(m_clock(), office->utc_offset_minutes);
    for (auto const& role : roles_held(*assignments, office->id, staff.today))
        staff.roles.insert(role);
    return staff;
}

namespace {

    std::string dump(nlohmann::ordered_json const& json)
    {
        return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }

    // The group a case is filed under; the first fields group of a form
    // that names none (the loader requires one).
    InputGroup const* subject_group(SopDefinition const& definition)
    {
        if (InputGroup const* subject = definition.form.subject())
            return subject;
        for (auto const& group : definition.form.groups)
            if (group.kind != GroupKind::Rows)
                return &group;
        return nullptr;
    }

    // The subject's field of a type, preferring the one with the usual name.
    std::string subject_path(InputGroup const& group, InputType type, std::string_view preferred)
    {
        InputField const* chosen = nullptr;
        for (auto const& field : group.fields) {
            if (field.type != type)
                continue;
            if (field.name == preferred)
                return group.id + "." + field.name;
            if (!chosen)
                chosen = &field;
        }
        return chosen ? group.id + "." + chosen->name : std::string();
    }

    // Where findings about the subject's NIK point: "applicant.nik".
    std::string nik_path(SopDefinition const& definition)
    {
        InputGroup const* subject = subject_group(definition);
        return subject ? subject_path(*subject, InputType::Nik, "nik") : std::string();
    }

}

StoredForm stored_form(SopDefinition const& definition, FormCheck const& check)
{
    StoredForm out;
    InputGroup const* subject = subject_group(definition);
    nlohmann::ordered_json others = nlohmann::ordered_json::object();
    for (auto const& [id, value] : check.values.items())
        if (!subject || id != subject->id)
            others[id] = value;
    out.form_json = dump(others);
    out.documents_json = dump(check.documents);
    out.applicant_json = subject && check.values.contains(subject->id) ? dump(check.values[subject->id]) : "{}";
    if (subject) {
        out.applicant_name = check.value(subject_path(*subject, InputType::Name, "name"));
        out.nik = check.value(subject_path(*subject, InputType::Nik, "nik"));
        if (auto birth = parse_iso_date(check.value(subject_path(*subject, InputType::Date, "birth_date"))))
            out.birth_date = *birth;
        out.village_code = check.value(subject_path(*subject, InputType::Village, "village_code"));
    }
    return out;
}

nlohmann::json stored_input(SopDefinition const& definition, Case const& item)
{
    nlohmann::json input = parse_json_or(item.form_json, nlohmann::json::object());
    if (!input.is_object())
        input = nlohmann::json::object();
    if (InputGroup const* subject = subject_group(definition))
        input[subject->id] = parse_json_or(item.applicant_json, nlohmann::json::object());
    input["documents"] = parse_json_or(item.documents_json, nlohmann::json::object());
    return input;
}

FormContext Desk::form_context(Staff const& staff) const
{
    return { .today = staff.today, .regions = &m_regions, .district_code = staff.office.code,
        .settings = { { "min_recording_age", staff.office.min_recording_age } } };
}

static Error invalid_fields(std::vector<IntakeIssue> const& issues)
{
    Error error = Error::invalid(issues.front().field, issues.front().message, issues.front().code);
    for (auto const& issue : issues)
        error.issues.push_back({ issue.field, issue.code, issue.message });
    if (issues.size() > 1) {
        error.message = std::to_string(issues.size()) + " isian perlu diperbaiki.";
        error.code = "invalid";
    }
    return error;
}

Result<std::vector<IntakeIssue>> Desk::intake_warnings(Staff const& staff, Case const& item) const
{
    SopDefinition const* definition = service(item.service_id);
    if (!definition)
        return Error::internal("SOP " + item.service_id + " tidak dimuat.");
    auto check = check_form(*definition, stored_input(*definition, item), form_context(staff));
    std::vector<IntakeIssue> warnings = check.warnings;
    auto others = m_store.cases_by_nik(item.nik);
    if (!others.ok())
        return others.error();
    for (auto const& other : *others) {
        if (other.id == item.id || other.created_at > item.created_at)
            continue;
        warnings.push_back({ nik_path(*definition), "nik.has_case",
            "NIK ini sudah punya permohonan" + std::string(other.registration_number.empty() ? "" : " nomor " + other.registration_number) + "." });
        break;
    }
    return warnings;
}

Result<std::optional<Case>> Desk::open_case_for(Staff const& staff, std::string const& service_id, std::string const& nik) const
{
    SopDefinition const* definition = service(service_id);
    if (!definition)
        return std::optional<Case> {};
    auto earlier = m_store.cases_by_nik(nik);
    if (!earlier.ok())
        return earlier.error();
    std::optional<Case> open;
    for (auto const& each : *earlier) {
        auto const kind = definition->state_kind(each.state);
        if (each.office_id == staff.office.id && each.service_id == service_id && kind && !is_closed(*kind))
            open = each;
    }
    return open;
}

Result<Submitted> Desk::submit(Staff const& staff, std::string const& service_id, nlohmann::json const& input, OnDuplicate on_duplicate) const
{
    SopDefinition const* definition = service(service_id);
    if (!definition)
        return Error::invalid("service", "Layanan '" + service_id + "' tidak dikenal.", "service.unknown");
    // The role first: someone who may not submit learns that, not what is
    // wrong with the form (a supervisor's "office" has no villages).
    if (available_actions(*definition, definition->initial_step, staff.actor()).empty())
        return Error::forbidden("Peran Anda tidak dapat mengajukan permohonan " + definition->title + ".");
    auto check = check_form(*definition, input, form_context(staff));
    if (!check.ok())
        return invalid_fields(check.errors);
    StoredForm const stored = stored_form(*definition, check);

    // A reload or a second click files nothing twice: an open case of the
    // same service for the NIK is named, and filed again only on purpose.
    if (on_duplicate == OnDuplicate::Refuse) {
        auto open = open_case_for(staff, definition->id, stored.nik);
        if (!open.ok())
            return open.error();
        if (*open) {
            Error error = Error::conflict("NIK ini sudah punya permohonan " + definition->title + " yang masih berjalan: permohonan "
                + std::to_string((*open)->id) + ((*open)->registration_number.empty() ? "" : " (nomor registrasi " + (*open)->registration_number + ")")
                + ", " + definition->state_label((*open)->state) + ". Ajukan lagi dengan konfirmasi bila memang perlu permohonan kedua.");
            error.code = "case.open_duplicate";
            error.field = nik_path(*definition);
            return error;
        }
    }

    Submitted submitted;
    submitted.warnings = check.warnings;
    // The NIK already has a case here: a second recording is rarely right.
    auto earlier = m_store.cases_by_nik(stored.nik);
    if (!earlier.ok())
        return earlier.error();
    if (!earlier->empty()) {
        auto const& last = earlier->back();
        submitted.warnings.push_back({ nik_path(*definition), "nik.has_case",
            "NIK ini sudah punya permohonan" + std::string(last.registration_number.empty() ? "" : " nomor " + last.registration_number)
                + " (" + definition->state_label(last.state) + ")." });
    }

    auto const* submit_actions = definition->actions_in(definition->initial_step);
    if (!submit_actions || submit_actions->empty())
        return Error::internal("SOP " + definition->id + " tidak punya aksi pada langkah awal.");
    Timestamp const now = m_clock();
    store::ActionRequest submit { .action_id = submit_actions->front().id, .actor_user_id = staff.user.id, .actor = staff.actor(), .now = now };
    store::NewCase new_case { .office_id = staff.office.id, .service_id = definition->id, .applicant_name = stored.applicant_name,
        .nik = stored.nik, .birth_date = stored.birth_date, .village_code = stored.village_code, .applicant_json = stored.applicant_json,
        .documents_json = stored.documents_json, .form_json = stored.form_json };
    auto created = m_store.create_case(*definition, new_case, staff.user.id, now, submit);
    if (!created.ok())
        return created.error();
    submitted.created = *created;
    return submitted;
}

bool Desk::is_applicant_only(Staff const& staff) const
{
    if (staff.roles.empty())
        return false;
    return std::all_of(staff.roles.begin(), staff.roles.end(), [&](std::string const& role) {
        return std::any_of(m_catalog.begin(), m_catalog.end(), [&](SopDefinition const& definition) {
            return std::any_of(definition.roles.begin(), definition.roles.end(),
                [&](RoleDefinition const& defined) { return defined.id == role && defined.applicant; });
        });
    });
}

Result<Case> Desk::case_in_office(Staff const& staff, Id case_id) const
{
    auto found = m_store.case_by_id(case_id);
    // A database that cannot be asked is not an absent case.
    if (!found.ok() && found.error().kind != ErrorKind::NotFound)
        return found.error();
    // A case of another office is as good as absent: its existence is not
    // this person's business. Nor is another applicant's case an
    // applicant's (UU 27/2022: personal data only to whom it concerns).
    if (!found.ok() || found->office_id != staff.office.id || (is_applicant_only(staff) && found->created_by != staff.user.id))
        return Error::not_found(case_id > 0 ? "Permohonan " + std::to_string(case_id) + " tidak ada." : "Permohonan itu tidak ada.");
    return found;
}

Result<store::ActionOutcome> Desk::act(Staff const& staff, Id case_id, std::string const& action, ActionData const& data,
    std::optional<std::int64_t> expected_version, std::optional<nlohmann::json> const& corrections, store::LetterWork const& letter) const
{
    auto current = case_in_office(staff, case_id);
    if (!current.ok())
        return current.error();
    auto filed = definition_of(*current);
    if (!filed.ok())
        return filed.error();
    SopDefinition const* definition = &*filed;
    std::optional<store::CaseDataUpdate> update;
    // Every datum is typed once: the applicant's data are the front desk's,
    // and change only when a returned file is submitted again. An action
    // the state does not have is left to the engine, which refuses it (409).
    bool const resubmission = definition->state_kind(current->state) == StateKind::Returned;
    if (corrections && !resubmission && definition->find_action(current->state, action))
        return Error::invalid("applicant", "Data pemohon hanya dapat diubah saat berkas yang dikembalikan diajukan ulang.", "workflow.unknown_field");
    // The role is checked before the corrections: someone who may not
    // resubmit hears that (403), not what is wrong with their data.
    auto const allowed = available_actions(*definition, current->state, staff.actor());
    bool const may_act = std::any_of(allowed.begin(), allowed.end(), [&](auto const* each) { return each->id == action; });
    if (corrections && resubmission && may_act) {
        // The corrections are the whole application again, as intake's.
        auto check = check_form(*definition, *corrections, form_context(staff));
        if (!check.ok())
            return invalid_fields(check.errors);
        StoredForm const stored = stored_form(*definition, check);
        update = store::CaseDataUpdate { .applicant_name = stored.applicant_name, .nik = stored.nik, .birth_date = stored.birth_date,
            .village_code = stored.village_code, .applicant_json = stored.applicant_json, .documents_json = stored.documents_json,
            .form_json = stored.form_json };
    }
    store::ActionRequest request { .case_id = case_id, .expected_version = expected_version, .action_id = action,
        .actor_user_id = staff.user.id, .actor = staff.actor(), .data = data, .now = m_clock() };
    return m_store.perform_action(*definition, request, update, letter);
}

Result<WorkingCalendar> Desk::working_calendar(Office const& office) const
{
    auto written = m_store.office_working_hours(office.id);
    if (!written.ok())
        return written.error();
    WeeklyHours hours = default_weekly_hours();
    if (*written) {
        auto parsed = parse_weekly_hours(**written);
        if (!parsed.ok())
            return parsed.error();
        hours = std::move(*parsed);
    }
    auto own = m_store.office_holidays(office.id);
    if (!own.ok())
        return own.error();
    std::vector<Date> days;
    for (auto const& holiday : m_national_holidays)
        days.push_back(holiday.day);
    for (auto const& holiday : *own)
        days.push_back(holiday.day);
    return WorkingCalendar(std::move(hours), std::move(days), office.utc_offset_minutes);
}

Result<std::vector<WorkItem>> Desk::worklist(Staff const& staff, std::optional<std::string> const& state,
    std::optional<std::string> const& service_filter) const
{
    if (service_filter) {
        auto known = known_service(*service_filter);
        if (!known.ok())
            return known.error();
    }
    std::vector<WorkItem> items;
    Timestamp const now = m_clock();
    Actor const actor = staff.actor();
    auto calendar = working_calendar(staff.office);
    if (!calendar.ok())
        return calendar.error();
    bool const own_only = is_applicant_only(staff);
    for (auto const& current : m_catalog) {
        if (service_filter && *service_filter != current.id)
            continue;
        // Each case is worked under the version it was filed under: the
        // current file's, or an earlier one that open cases still name.
        std::vector<SopDefinition const*> versions { &current };
        for (auto const& earlier : m_earlier)
            if (earlier.id == current.id && earlier.version != current.version)
                versions.push_back(&earlier);
        for (auto const* filed : versions) {
            auto stated = m_store.office_sop(staff.office.id, current.id);
            if (!stated.ok())
                return stated.error();
            SopDefinition const definition = *stated ? with_office_sop(*filed, **stated) : *filed;
            std::vector<std::string> states;
            auto consider = [&](std::string const& id) {
                if ((!state || *state == id) && !available_actions(definition, id, actor).empty())
                    states.push_back(id);
            };
            for (auto const& step : definition.steps)
                consider(step.id);
            for (auto const& special : definition.states)
                consider(special.id);
            if (states.empty())
                continue;
            auto cases = m_store.cases_in_states(staff.office.id, states, 500);
            if (!cases.ok())
                return cases.error();
            for (auto const& waiting : *cases) {
                std::string const& version = waiting.sop_version.empty() ? current.version : waiting.sop_version;
                if (waiting.service_id != definition.id || version != definition.version || (own_only && waiting.created_by != staff.user.id))
                    continue;
                WorkItem item { .item = waiting, .step_title = definition.state_label(waiting.state) };
                // Working time: a case left overnight has not waited the night.
                item.waited_seconds = calendar->seconds_between(waiting.updated_at, now);
                if (auto const* step = definition.find_step(waiting.state))
                    item.standard_seconds = static_cast<std::int64_t>(step->standard_minutes) * 60;
                item.late = item.standard_seconds > 0 && item.waited_seconds > item.standard_seconds;
                item.very_late = item.late && item.waited_seconds * 100 > item.standard_seconds * m_very_late_percent;
                // The actions point into a definition that lives only here:
                // the ones of the definition the desk keeps stand in.
                for (auto const* action : available_actions(definition, waiting.state, actor))
                    if (auto const* kept = filed->find_action(waiting.state, action->id))
                        item.actions.push_back(kept);
                items.push_back(std::move(item));
            }
        }
    }
    std::stable_sort(items.begin(), items.end(), [](auto const& a, auto const& b) { return a.item.updated_at < b.item.updated_at; });
    return items;
}

Result<CaseView> Desk::view(Staff const& staff, Id case_id, std::string const& address) const
{
    auto current = case_in_office(staff, case_id);
    if (!current.ok())
        return current.error();
    auto filed = definition_of(*current);
    if (!filed.ok())
        return filed.error();
    CaseView view { .item = *current, .office = staff.office, .owned_definition = std::make_shared<SopDefinition const>(std::move(*filed)) };
    view.definition = view.owned_definition.get();
    auto history = m_store.case_actions(case_id);
    if (!history.ok())
        return history.error();
    view.history = *history;
    std::vector<Id> actors;
    for (auto const& record : view.history)
        if (record.actor_id && std::find(actors.begin(), actors.end(), record.actor_id) == actors.end())
            actors.push_back(record.actor_id);
    auto names = m_store.user_full_names(actors);
    if (!names.ok())
        return names.error();
    for (Id actor : actors) {
        auto found = names->find(actor);
        view.actor_names[actor] = found != names->end() ? found->second : "?";
    }
    CaseSnapshot snapshot { .state = current->state, .created_at = current->created_at };
    for (auto const& record : view.history) {
        if (record.from_state.empty())
            continue; // The creation row: the case starts in the initial step.
        snapshot.history.push_back({ record.action, record.from_state, record.to_state, std::to_string(record.actor_id), record.at });
    }
    auto calendar = working_calendar(view.office);
    if (!calendar.ok())
        return calendar.error();
    view.timing = compute_timing(*view.definition, snapshot, m_clock(), &*calendar);
    view.actions = available_actions(*view.definition, snapshot, staff.actor());
    (void)m_store.log_access(staff.user.id, case_id, "lihat permohonan", address, m_clock());
    return view;
}

void Desk::log_bulk_read(Staff const& staff, std::string const& what, std::int64_t rows, std::string const& address) const
{
    (void)m_store.log_bulk_access({ .user_id = staff.user.id, .office_id = staff.office.id, .what = what, .rows = rows, .address = address, .at = m_clock() });
}

Result<PublicStatus> Desk::public_status(std::string const& number, std::string const& pin) const
{
    // The same answer whether the number is unknown, has no PIN yet or the
    // PIN is wrong, so that the page cannot be used to find numbers.
    Error const not_found = Error::not_found("Tidak ada permohonan dengan nomor itu dan PIN itu.");
    if (!is_status_pin(pin))
        return Error::invalid("pin", "PIN terdiri atas 6 angka, tercetak pada tanda terima.", "status.pin_format");
    auto cases = m_store.cases_by_registration_number(number);
    if (!cases.ok())
        return cases.error();
    // The receipt of intake prints the nomor permohonan (the case's id)
    // before there is a registration number.
    std::string_view const digits = trim(number);
    if (cases->empty() && !digits.empty() && digits.size() <= 12
        && std::all_of(digits.begin(), digits.end(), [](char c) { return is_ascii_digit(c); })) {
        auto by_id = m_store.case_by_id(std::stoll(std::string(digits)));
        if (by_id.ok())
            cases->push_back(*by_id);
        else if (by_id.error().kind != ErrorKind::NotFound)
            return by_id.error();
    }
    for (auto const& found : *cases) {
        auto stored = m_store.status_pin(found.id);
        if (!stored.ok())
            return stored.error();
        if (stored->hash.empty())
            continue;
        if (stored->failures >= k_status_pin_tries)
            return throttled_pin();
        if (!status_pin_matches(pin, stored->hash)) {
            auto failures = m_store.count_status_pin_failure(found.id);
            if (!failures.ok())
                return failures.error();
            continue;
        }
        SopDefinition const* definition = service(found.service_id);
        return PublicStatus { .registration_number = found.registration_number.empty() ? std::to_string(found.id) : found.registration_number,
            .service_title = definition ? definition->title : found.service_id, .state = found.state,
            .state_label = definition ? definition->state_label(found.state) : found.state, .letter_number = found.letter_number,
            .submitted_at = found.created_at, .updated_at = found.updated_at };
    }
    return not_found;
}

Result<std::string> Desk::issue_status_pin(Staff const& staff, Id case_id) const
{
    auto item = case_in_office(staff, case_id);
    if (!item.ok())
        return item.error();
    std::string const pin = new_status_pin();
    auto stored = m_store.set_status_pin(case_id, hash_status_pin(pin));
    if (!stored.ok())
        return stored.error();
    return pin;
}

namespace {

    // The outage kinds the log knows (0006_outages.sql).
    constexpr std::array<std::string_view, 4> k_outage_kinds { "jaringan", "peralatan", "listrik", "lainnya" };


    ReportScope office_scope(Office const& office)
    {
        return { .offices = { office }, .code = office.code, .label = "Kantor Camat " + office.name, .file_code = office.unit_code,
            .kabupaten = false, .utc_offset_minutes = office.utc_offset_minutes };
    }

    bool in_regency(std::string const& office_code, std::string const& regency_code)
    {
        return office_code.starts_with(regency_code + ".");
    }

    // "Laporan kinerja untuk Camat, Kasi Pemerintahan dan pengawas
    // kabupaten.": the roles' titles as the definitions print them.
    std::string report_readers(std::vector<SopDefinition> const& catalog)
    {
        std::vector<std::string> titles;
        for (auto const& definition : catalog)
            for (auto const& role : definition.roles)
                if (role.reports && std::find(titles.begin(), titles.end(), role.title) == titles.end())
                    titles.push_back(role.title);
        std::string out;
        for (auto const& title : titles)
            out += (out.empty() ? "" : ", ") + title;
        return out.empty() ? "pengawas kabupaten" : out + " dan pengawas kabupaten";
    }

    Error applicants_may_not()
    {
        return Error::forbidden("Hanya petugas kantor yang mencatat gangguan.");
    }

}

Result<OutageRecord> Desk::start_outage(Staff const& staff, std::string const& kind, std::string const& note, std::optional<Timestamp> at) const
{
    if (is_applicant_only(staff) || staff.roles.empty())
        return applicants_may_not();
    if (std::find(k_outage_kinds.begin(), k_outage_kinds.end(), kind) == k_outage_kinds.end())
        return Error::invalid("kind", "Jenis gangguan harus salah satu dari: jaringan, peralatan, listrik, lainnya.", "outage.kind");
    Timestamp const now = m_clock();
    Timestamp const started = at.value_or(now);
    if (started > now + 60)
        return Error::invalid("started_at", "Waktu mulai gangguan tidak boleh di masa depan.", "outage.future");
    return m_store.add_outage({ .office_id = staff.office.id, .kind = kind, .note = std::string(trim(note)), .started_at = started, .recorded_by = staff.user.id }, now);
}

Result<OutageRecord> Desk::end_outage(Staff const& staff, Id outage_id, std::optional<Timestamp> at) const
{
    if (is_applicant_only(staff) || staff.roles.empty())
        return applicants_may_not();
    Timestamp const now = m_clock();
    Timestamp const ended = at.value_or(now);
    if (ended > now + 60)
        return Error::invalid("ended_at", "Waktu selesai gangguan tidak boleh di masa depan.", "outage.future");
    return m_store.end_outage(staff.office.id, outage_id, ended, staff.user.id);
}

Result<std::vector<OutageRecord>> Desk::outages(Staff const& staff, Date from, Date to) const
{
    // A kabupaten supervisor reads the log of one office (register_reader).
    if (is_applicant_only(staff) || (staff.roles.empty() && staff.supervises.empty()))
        return applicants_may_not();
    if (staff.office.id == 0)
        return Error::invalid("office", "Log gangguan dibaca per kantor: pilih kantornya.", "outage.office");
    if (to < from)
        return Error::invalid("to", "Tanggal akhir tidak boleh sebelum tanggal awal.", "period.order");
    return m_store.outages(staff.office.id, local_midnight(from, staff.office.utc_offset_minutes),
        local_midnight(from_days(to_days(to) + 1), staff.office.utc_offset_minutes));
}

std::string Desk::reports_refused() const
{
    return "Laporan kinerja untuk " + report_readers(m_catalog) + ".";
}

bool Desk::may_see_reports(Staff const& staff) const
{
    // Who reads the office's figures: the roles a definition marks
    // `reports` (the officials who answer for the service). A kabupaten
    // supervisor comes with the kabupaten view.
    if (!staff.supervises.empty())
        return true;
    for (auto const& definition : m_catalog)
        for (auto const& role : definition.roles)
            if (role.reports && staff.has_role(role.id))
                return true;
    return false;
}

Result<ReportScope> Desk::report_scope(Staff const& staff, std::string const& office) const
{
    if (!may_see_reports(staff))
        return Error::forbidden(reports_refused());
    bool const office_staff = staff.office.id != 0;
    if (office_staff && (office.empty() || office == staff.office.code))
        return office_scope(staff.office);
    if (staff.supervises.empty())
        return Error::forbidden("Laporan kantor lain hanya untuk pengawas kabupaten.");
    auto offices = m_store.offices();
    if (!offices.ok())
        return offices.error();
    bool const whole = office.empty() || office == "semua"
        || std::find(staff.supervises.begin(), staff.supervises.end(), office) != staff.supervises.end();
    if (whole) {
        std::string const code = office.empty() || office == "semua" ? staff.supervises.front() : office;
        Region const* kabupaten = m_regions.find(code);
        ReportScope scope { .code = code, .label = kabupaten ? kabupaten->name : "Kabupaten " + code, .file_code = code,
            .kabupaten = true, .utc_offset_minutes = utc_offset_for_province(code) };
        for (auto const& each : *offices)
            if (in_regency(each.code, code))
                scope.offices.push_back(each);
        std::sort(scope.offices.begin(), scope.offices.end(), [](Office const& a, Office const& b) { return a.code < b.code; });
        return scope;
    }
    for (auto const& each : *offices)
        if (each.code == office)
            for (auto const& code : staff.supervises)
                if (in_regency(each.code, code))
                    return office_scope(each);
    return Error::forbidden("Kantor " + office + " tidak termasuk kabupaten yang Anda awasi.");
}

Result<Staff> Desk::register_reader(Staff const& staff, std::string const& office) const
{
    if (staff.supervises.empty() || staff.office.id != 0) {
        if (!office.empty() && office != staff.office.code)
            return Error::forbidden("Buku register kantor lain hanya untuk pengawas kabupaten.");
        return staff;
    }
    if (office.empty() || office == "semua")
        return Error::invalid("office", "Buku register dibaca per kantor: sebutkan kode kantornya (office=KODE).", "register.office");
    auto scope = report_scope(staff, office);
    if (!scope.ok())
        return scope.error();
    if (scope->kabupaten)
        return Error::invalid("office", "Buku register dibaca per kantor: sebutkan kode kantornya (office=KODE).", "register.office");
    Staff reader = staff;
    reader.office = scope->offices.front();
    return reader;
}

Result<ScopeReport> Desk::report(Staff const& staff, std::string const& service_id, ReportScope const& scope, Date from, Date to) const
{
    if (!may_see_reports(staff))
        return Error::forbidden(reports_refused());
    auto known = known_service(service_id);
    if (!known.ok())
        return known.error();
    SopDefinition const* definition = *known;
    if (to < from)
        return Error::invalid("to", "Tanggal akhir tidak boleh sebelum tanggal awal.", "period.order");
    Timestamp const start = local_midnight(from, scope.utc_offset_minutes);
    Timestamp const end = local_midnight(from_days(to_days(to) + 1), scope.utc_offset_minutes);
    std::vector<std::string> const open_states = definition->open_states();
    // Times are whole seconds and the report counts what happened before its
    // instant: an action stamped this very second has happened, so the
    // instant is the end of the current second.
    ReportOptions options { .from = start, .to = end, .now = m_clock() + 1, .very_late_factor_percent = m_very_late_percent };
    ScopeReport out { .scope = scope };
    std::vector<CaseHistory> all_cases;
    std::vector<OutageRecord> all_outages;
    std::int64_t outages = 0, outage_seconds = 0;
    std::map<std::string, std::int64_t> outage_seconds_by_kind;
    for (auto const& office : scope.offices) {
        // Each office's figures against the standard times it set; a
        // kabupaten's total against the file's.
        auto stated = office_definition(office.id, service_id);
        if (!stated.ok())
            return stated.error();
        auto calendar = working_calendar(office);
        if (!calendar.ok())
            return calendar.error();
        options.calendars.insert_or_assign(office.id, std::move(*calendar));
        options.office_id = office.id;
        auto histories = m_store.case_histories(office.id, start, end, open_states, idle_before(*stated, options));
        if (!histories.ok())
            return histories.error();
        auto logged = m_store.outages(office.id, start, end);
        if (!logged.ok())
            return logged.error();
        ReportSummary one = summarize(*stated, *histories, *logged, options);
        if (!scope.kabupaten) {
            out.total = std::move(one);
            return out;
        }
        outages += one.outages;
        outage_seconds += one.outage_seconds;
        for (auto const& [kind, seconds] : one.outage_seconds_by_kind)
            outage_seconds_by_kind[kind] += seconds;
        out.offices.emplace_back(office, std::move(one));
        std::move(histories->begin(), histories->end(), std::back_inserter(all_cases));
        std::move(logged->begin(), logged->end(), std::back_inserter(all_outages));
    }
    options.office_id.reset();
    out.total = summarize(*definition, all_cases, all_outages, options);
    // Outage time is counted per office: two offices down at the same hour
    // lost two hours, where summarize() would count the overlap once.
    out.total.outages = outages;
    out.total.outage_seconds = outage_seconds;
    out.total.outage_seconds_by_kind = outage_seconds_by_kind;
    return out;
}

namespace {

    // What adds up across services: counts, not times (a median of two
    // services' medians is no median).
    void add_counts(ReportSummary& total, ReportSummary const& one)
    {
        total.as_of = std::max(total.as_of, one.as_of);
        total.received += one.received;
        total.finished += one.finished;
        total.cancelled += one.cancelled;
        total.returned_cases += one.returned_cases;
        total.returns += one.returns;
        for (auto const& [reason, count] : one.returned_by_reason)
            total.returned_by_reason[reason] += count;
        total.held_cases += one.held_cases;
        total.holds += one.holds;
        for (auto const& [reason, count] : one.held_by_reason)
            total.held_by_reason[reason] += count;
        total.in_progress += one.in_progress;
        total.with_applicant += one.with_applicant;
        total.held_now += one.held_now;
        total.late_now += one.late_now;
        total.very_late_now += one.very_late_now;
        total.held_seconds += one.held_seconds;
        // Outages are the office's, whatever the service: the same log for
        // every service, counted once.
        total.outages = one.outages;
        total.outage_seconds = one.outage_seconds;
        total.outage_seconds_by_kind = one.outage_seconds_by_kind;
    }

}

Result<ServicesReport> Desk::report_services(Staff const& staff, std::optional<std::string> const& service, ReportScope const& scope, Date from,
    Date to) const
{
    if (service) {
        auto known = known_service(*service);
        if (!known.ok())
            return known.error();
    }
    ServicesReport out { .scope = scope };
    for (auto const& definition : m_catalog) {
        if (service && *service != definition.id)
            continue;
        auto one = report(staff, definition.id, scope, from, to);
        if (!one.ok())
            return one.error();
        out.services.emplace_back(definition, std::move(*one));
    }
    if (out.services.size() == 1) {
        out.total = out.services.front().second.total;
        return out;
    }
    for (auto const& [definition, one] : out.services)
        add_counts(out.total, one.total);
    return out;
}

Result<ReportSummary> Desk::summary(Staff const& staff, std::string const& service_id, Date from, Date to) const
{
    auto scope = report_scope(staff, "");
    if (!scope.ok())
        return scope.error();
    auto report = this->report(staff, service_id, *scope, from, to);
    if (!report.ok())
        return report.error();
    return std::move(report->total);
}

}
