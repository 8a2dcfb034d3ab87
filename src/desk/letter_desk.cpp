#include "desk/letter_desk.hpp"

#include "core/public_url.hpp"

#include "core/identity.hpp"
#include "core/indonesian.hpp"
#include "core/json.hpp"
#include "core/nip.hpp"
#include "core/sha256.hpp"
#include "letters/marks.hpp"
#include "letters/signing.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace sopir::desk {

namespace {

    // Wipes a secret key on every return path.
    struct WipeOnExit {
        std::string& secret;
        ~WipeOnExit() { sodium_memzero(secret.data(), secret.size()); }
    };

    // Every action of the definition, in its steps and special states.
    template<typename Visit>
    void each_action(SopDefinition const& definition, Visit&& visit)
    {
        for (auto const& step : definition.steps)
            for (auto const& action : step.actions)
                visit(action);
        for (auto const& state : definition.states)
            for (auto const& action : state.actions)
                visit(action);
    }

    bool signs_letter(SopDefinition const& definition, std::string_view action_id)
    {
        bool found = false;
        each_action(definition, [&](ActionDefinition const& action) { found = found || (action.id == action_id && action.letter == LetterStage::Sign); });
        return found;
    }

    // An action a segregation rule pairs with a signing action: the paraf.
    bool initials_letter(SopDefinition const& definition, ActionDefinition const& action)
    {
        if (action.letter != LetterStage::None)
            return false;
        for (auto const& rule : definition.segregation) {
            if (std::find(rule.actions.begin(), rule.actions.end(), action.id) == rule.actions.end())
                continue;
            for (auto const& other : rule.actions)
                if (other != action.id && signs_letter(definition, other))
                    return true;
        }
        return false;
    }

    // The signing action anywhere in the definition: the one that signs
    // what a paraf step shows.
    ActionDefinition const* any_signing_action(SopDefinition const& definition)
    {
        ActionDefinition const* found = nullptr;
        each_action(definition, [&](ActionDefinition const& action) {
            if (!found && action.letter == LetterStage::Sign)
                found = &action;
        });
        return found;
    }

}

struct UnlockedKey {
    std::string secret;
    std::string public_key;
    UnlockedKey() = default;
    UnlockedKey(UnlockedKey const&) = delete;
    UnlockedKey& operator=(UnlockedKey const&) = delete;
    ~UnlockedKey() { sodium_memzero(secret.data(), secret.size()); }
};

ActionDefinition const* signing_action(SopDefinition const& definition, std::string_view state)
{
    if (auto const* actions = definition.actions_in(state))
        for (auto const& action : *actions)
            if (action.letter == LetterStage::Sign)
                return &action;
    return nullptr;
}

ActionDefinition const* initialling_action(SopDefinition const& definition, std::string_view state)
{
    if (auto const* actions = definition.actions_in(state))
        for (auto const& action : *actions)
            if (initials_letter(definition, action))
                return &action;
    return nullptr;
}

bool letter_in_review(SopDefinition const& definition, std::string_view state)
{
    return definition.letter && (signing_action(definition, state) || initialling_action(definition, state));
}

// The office as the kop prints it, with its logo's bytes when it has one.
LetterOffice printed_office(store::Store& store, Office const& office)
{
    LetterOffice printed { .regency = office.regency, .name = office.name, .address = office.address,
        .postal_code = office.postal_code, .place_name = office.place_name.empty() ? office.name : office.place_name };
    if (!office.logo_sha256.empty()) {
        auto logo = store.logo(office.logo_sha256);
        if (logo.ok()) {
            printed.logo_png = std::move(*logo);
            printed.logo_sha256 = office.logo_sha256;
        }
    }
    return printed;
}

LetterFacts letter_facts(Case const& item, SopDefinition const& definition, std::vector<ActionRecord> const& history, Office const& office)
{
    LetterFacts facts;
    // The other groups and rows as intake stored them (cases.form).
    if (auto others = parse_json_or(item.form_json, nlohmann::json::object()); others.is_object())
        for (auto const& [id, value] : others.items())
            facts.values[id] = value;
    // The subject group's values as intake stored them (applicant_json);
    // the name, NIK and birth date as the case's own columns hold them.
    if (InputGroup const* subject = definition.form.subject()) {
        auto values = parse_json_or(item.applicant_json, nlohmann::json::object());
        if (!values.is_object())
            values = nlohmann::json::object();
        values["name"] = item.applicant_name;
        values["nik"] = item.nik;
        if (item.birth_date)
            values["birth_date"] = to_iso(*item.birth_date);
        facts.values[subject->id] = std::move(values);
    }
    auto documents = parse_json_or(item.documents_json, nlohmann::json::object());
    if (documents.is_object())
        facts.documents = std::move(documents);
    facts.office_name = office.name;
    facts.office_regency = office.regency;
    facts.office_district = office.name;
    facts.registration_number = item.registration_number;
    facts.submitted_date = local_date(item.created_at, office.utc_offset_minutes);
    // The last time the case left a step is the day its work there was done.
    for (auto const& record : history)
        if (record.to_state != record.from_state)
            facts.step_dates[record.from_state] = local_date(record.at, office.utc_offset_minutes);
    facts.whatsapp = office.disdukcapil_whatsapp;
    return facts;
}

LetterContent compose_letter(SopDefinition const& definition, LetterFacts const& facts, LetterOffice office, Date letter_date, PaperSize office_paper)
{
    LetterTemplate const& wording = *definition.letter;
    auto resolved = resolve_letter(definition, wording, facts);
    LetterContent content;
    content.office = std::move(office);
    content.service_id = definition.id;
    content.template_id = wording.id;
    content.template_version = wording.version;
    content.title = std::move(resolved.title);
    content.subtitle = std::move(resolved.subtitle);
    content.body = std::move(resolved.body);
    if (InputGroup const* subject = definition.form.subject(); subject && facts.values.contains(subject->id)) {
        auto const& person = facts.values[subject->id];
        content.person_name = person.value("name", std::string());
        content.person_nik = person.value("nik", std::string());
    }
    content.mark = std::move(resolved.mark);
    content.letter_date = letter_date;
    content.disdukcapil_whatsapp = wording.whatsapp ? facts.whatsapp : std::string();
    content.paper_size = wording.paper.value_or(office_paper);
    return content;
}

namespace {

    // The signer's title lines on the day, for the role the letter names
    // (Permendagri 1/2023): "CAMAT …" for its holder, "Plt."/"Plh." when it
    // is held by an acting assignment that day, "a.n. CAMAT …" and the
    // signer's own role when another role the action allows signs on the
    // holder's behalf (a Sekretaris Camat). Holding the role wins over acting
    // in it, and either over signing on behalf.
    std::string signing_title(Staff const& staff, SopDefinition const& definition, ActionDefinition const& action, Date day)
    {
        std::string const& named = definition.letter ? definition.letter->signer_role : std::string();
        std::optional<SignerStanding> standing;
        std::string own_role;
        auto rank = [](SignerStanding s) { return s == SignerStanding::Holder ? 0 : s == SignerStanding::OnBehalf ? 2 : 1; };
        for (auto const& assignment : staff.assignments) {
            bool const may_sign = std::find(action.roles.begin(), action.roles.end(), assignment.role) != action.roles.end();
            if (assignment.office_id != staff.office.id || !may_sign || !assignment.holds_on(day))
                continue;
            SignerStanding found = assignment.acting == Acting::Plt ? SignerStanding::Plt
                : assignment.acting == Acting::Plh                  ? SignerStanding::Plh
                                                                    : SignerStanding::Holder;
            if (!named.empty() && assignment.role != named)
                found = SignerStanding::OnBehalf;
            if (!standing || rank(found) < rank(*standing)) {
                standing = found;
                own_role = assignment.role;
            }
        }
        std::string const role = named.empty() ? own_role : named;
        return signer_title(standing.value_or(SignerStanding::Holder), definition.role_title(role), staff.office.name,
            definition.role_title(own_role));
    }

    // The paraf printed beside the signature is that of whoever performed the
    // action the SOP's segregation of duties pairs with the signing (paraf),
    // most recently.
    std::optional<Id> paraf_actor(SopDefinition const& definition, ActionDefinition const& signing, std::vector<ActionRecord> const& history)
    {
        std::vector<std::string> partners;
        for (auto const& rule : definition.segregation)
            if (std::find(rule.actions.begin(), rule.actions.end(), signing.id) != rule.actions.end())
                for (auto const& other : rule.actions)
                    if (other != signing.id)
                        partners.push_back(other);
        for (auto record = history.rbegin(); record != history.rend(); ++record)
            if (std::find(partners.begin(), partners.end(), record->action) != partners.end())
                return record->actor_id;
        return std::nullopt;
    }

    // Grouped as printed when it is a valid NIP; as stored otherwise (a
    // non-civil-servant signs without one).
    std::string printed_nip(std::string const& nip)
    {
        auto parsed = parse_nip(nip);
        return parsed.ok() ? format_nip(*parsed) : nip;
    }

    std::string pdf_sha256(std::string const& pdf)
    {
        return pdf.empty() ? std::string() : sha256_hex(pdf);
    }

    // What sealing freezes: the letter, or for a service whose output is
    // marks the sheet of labels of every copy (a copy's mark at a corner is
    // rendered on demand from the same sealed content: letter_marks.cpp).
    std::string render_frozen(LetterContent const& content)
    {
        if (content.mark)
            return render_marks_pdf(content, { .layout = MarkLayout::Labels, .corner = MarkCorner::BottomRight, .paper = content.paper_size });
        return render_letter_pdf(content);
    }

}

LetterDesk::LetterDesk(store::Store& store, Desk const& desk, PasswordConfirmer& auth, LetterSettings settings, std::function<Timestamp()> clock)
    : m_store(store)
    , m_desk(desk)
    , m_auth(auth)
    , m_settings(std::move(settings))
    , m_clock(std::move(clock))
{
    set_public_url(m_settings.public_url);
}

void LetterDesk::set_public_url(std::string url)
{
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    m_settings.public_url = std::move(url);
}

std::string LetterDesk::public_url_for(Office const& office) const
{
    if (m_settings.public_url_given || office.public_url.empty())
        return m_settings.public_url;
    std::string url = office.public_url;
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

std::string LetterDesk::verification_url(Office const& office, std::string const& token) const
{
    return public_url_for(office) + "/verifikasi/" + token;
}

std::string LetterDesk::public_url_notice(Office const& office) const
{
    std::string const url = public_url_for(office);
    UrlReach reach = url_reach(url);
    if (!m_settings.public_url_given && office.public_url.empty() && reach != UrlReach::Public)
        reach = UrlReach::Missing;
    std::string notice = url_reach_warning(reach, url);
    if (!notice.empty() && !letters_reachable(office).ok())
        notice += " Surat tidak dapat ditandatangani sampai alamat publik diatur (admin: Pengaturan kantor, atau sopir serve --public-url).";
    else if (!notice.empty() && url_reach(url) == UrlReach::Loopback)
        notice += " Mode demo: surat tetap dapat ditandatangani untuk dicoba.";
    return notice;
}

Status LetterDesk::letters_reachable(Office const& office) const
{
    if (m_settings.loopback_letters == LoopbackLetters::Allowed)
        return Ok {};
    std::string const url = public_url_for(office);
    if (url_reach(url) != UrlReach::Loopback)
        return Ok {};
    Error error = Error::forbidden("Surat tidak dapat ditandatangani atau disegel: alamat publik layanan (" + url
        + ") hanya dapat dibuka dari komputer server ini, jadi kode QR surat tidak dapat dibuka warga. "
          "Minta admin kantor mengisi Alamat publik di Pengaturan kantor, atau jalankan sopir serve dengan --public-url.");
    error.code = "letter.public_url";
    return error;
}

Result<store::ActionOutcome> LetterDesk::act(Staff const& staff, Id case_id, std::string const& action, ActionData const& data,
    std::optional<std::int64_t> expected_version, std::optional<nlohmann::json> const& corrections,
    std::string const& password, std::string const& address, std::string const& credential) const
{
    auto current = m_store.case_by_id(case_id);
    SopDefinition const* definition = current.ok() ? m_desk.service(current->service_id) : nullptr;
    ActionDefinition const* chosen = definition ? definition->find_action(current->state, action) : nullptr;
    bool const ours = current.ok() && current->office_id == staff.office.id;
    // Whatever is not a letter action, or is refused anyway (another office,
    // no such action, not this person's role), is the desk's to answer; no
    // key is touched for it.
    auto const allowed = chosen && ours ? available_actions(*definition, current->state, staff.actor()) : std::vector<ActionDefinition const*> {};
    bool const may_act = std::find(allowed.begin(), allowed.end(), chosen) != allowed.end();
    // A password is asked for only to sign; anywhere else it is an unknown
    // field like any other, refused rather than silently dropped.
    if (may_act && !password.empty() && chosen->letter != LetterStage::Sign)
        return Error::invalid("password", "Isian 'password' tidak dikenal untuk aksi '" + chosen->label + "': kata sandi hanya diminta untuk tanda tangan.",
            "workflow.unknown_field");
    if (!chosen || chosen->letter == LetterStage::None || !may_act)
        return m_desk.act(staff, case_id, action, data, expected_version, corrections);
    if (expected_version && *expected_version != current->version)
        return Error::conflict("Kasus ini sudah diubah orang lain sejak Anda membukanya. Muat ulang halaman lalu periksa lagi.");

    std::shared_ptr<UnlockedKey const> key;
    if (chosen->letter == LetterStage::Sign) {
        auto unlocked = unlock_for_signing(staff, password, address, credential);
        if (!unlocked.ok())
            return unlocked.error();
        key = std::move(*unlocked);
    }
    auto work = chosen->letter == LetterStage::Sign ? signing_work(staff, *current, *definition, *chosen, key)
                                                    : sealing_work(staff, *current, *definition);
    if (!work.ok())
        return work.error();
    return m_desk.act(staff, case_id, action, data, expected_version, corrections, *work);
}

Result<std::string> LetterDesk::unlock_signer_key(User const& user, std::string const& password, std::string& public_key_out) const
{
    auto stored = m_store.active_signer_key(user.id);
    if (stored.ok()) {
        SignerKeys const keys { stored->public_key, stored->sealed_secret, stored->salt, stored->nonce };
        auto secret = unlock_secret_key(keys, password);
        if (secret.ok()) {
            public_key_out = keys.public_key_b64;
            return secret;
        }
        if (secret.error().kind != ErrorKind::Forbidden)
            return secret.error();
        // The password is right (checked before) but does not open the key:
        // the password was set again without the old one (e.g. by an
        // administrator), so the key sealed under the old one is retired
        // and a new one made. Letters signed with the old key still verify.
    } else if (stored.error().kind != ErrorKind::NotFound) {
        return stored.error();
    }
    // The first signature of this signer: the key pair is made now, sealed
    // under the password just typed.
    auto fresh = generate_signer_keys(password);
    if (!fresh.ok())
        return fresh.error();
    auto saved = m_store.replace_signer_key(user.id,
        { .public_key = fresh->public_key_b64, .sealed_secret = fresh->sealed_secret_b64, .salt = fresh->salt_b64, .nonce = fresh->nonce_b64 },
        m_clock());
    if (!saved.ok())
        return saved.error();
    public_key_out = fresh->public_key_b64;
    return unlock_secret_key(*fresh, password);
}

Result<std::shared_ptr<UnlockedKey const>> LetterDesk::unlock_for_signing(Staff const& staff, std::string const& password,
    std::string const& address, std::string const& credential) const
{
    if (auto reachable = letters_reachable(staff.office); !reachable.ok())
        return reachable.error();
    if (password.empty())
        return Error::invalid("password", "Ketik kata sandi Anda untuk menandatangani surat.", "letter.password_required");
    // A session left open on a desk is not enough to sign. The check is
    // throttled by this session's own failures only: sign-in guesses by
    // anyone else never refuse a signature.
    auto checked = m_auth.confirm_password(staff.user, credential, password, address);
    if (!checked.ok()) {
        Error error = checked.error();
        if (error.kind == ErrorKind::Forbidden) {
            error.message = "Kata sandi salah; surat tidak ditandatangani.";
            error.field = "password";
        }
        return error;
    }
    auto key = std::make_shared<UnlockedKey>();
    auto secret = unlock_signer_key(staff.user, password, key->public_key);
    if (!secret.ok())
        return secret.error();
    key->secret = std::move(*secret);
    return std::shared_ptr<UnlockedKey const>(std::move(key));
}

Result<LetterContent> LetterDesk::letter_to_sign(Staff const* signer, Case const& item, SopDefinition const& definition,
    ActionDefinition const* signing, Timestamp now) const
{
    if (!definition.letter)
        return Error::internal("SOP " + definition.id + " menandatangani surat tetapi tidak mendefinisikan [letter].");
    auto history = m_store.case_actions(item.id);
    if (!history.ok())
        return history.error();
    auto office = m_store.office_by_id(item.office_id);
    if (!office.ok())
        return office.error();
    std::string paraf;
    if (auto actor = signing ? paraf_actor(definition, *signing, *history) : std::nullopt) {
        auto initialler = m_store.user_by_id(*actor);
        if (initialler.ok())
            paraf = paraf_initials(initialler->full_name);
    }
    Date const today = local_date(now, office->utc_offset_minutes);
    LetterContent content = compose_letter(definition, letter_facts(item, definition, *history, *office), printed_office(m_store, *office),
        today, office->paper_size);
    if (signer && signing) {
        content.signer = { .title = signing_title(*signer, definition, *signing, today), .name = signer->user.full_name,
            .pangkat_golongan = signer->user.pangkat_golongan, .nip = printed_nip(signer->user.nip) };
    } else {
        // Who will sign is not known yet: the role's title, the name left
        // blank as on a paper draft.
        content.signer = { .title = signer_title(SignerStanding::Holder, definition.role_title(definition.letter->signer_role), office->name),
            .name = std::string(30, '.') };
    }
    content.paraf = paraf;
    return content;
}

Result<store::LetterWork> LetterDesk::signing_work(Staff const& staff, Case const& item, SopDefinition const& definition,
    ActionDefinition const& signing, std::shared_ptr<UnlockedKey const> key) const
{
    Timestamp const now = m_clock();
    auto composed = letter_to_sign(&staff, item, definition, &signing, now);
    if (!composed.ok())
        return composed.error();
    // The key is shared with the other letters of a batch and wiped when
    // the last of them is done; the work runs once, inside the action's
    // transaction.
    auto write = [this, content = std::move(*composed), key, now, office = staff.office, signer = staff.user](Case const&,
                     std::optional<store::LetterRecord> const& existing) mutable -> Result<store::LetterRecord> {
        store::LetterRecord letter;
        // A letter signed again after a correction keeps its address.
        letter.verification_token = existing ? existing->verification_token : new_verification_token();
        content.verification_url = verification_url(office, letter.verification_token);
        auto signature = sign_content(key->secret, key->public_key, signer.username, unnumbered_content_sha256(content), now,
            k_purpose_tandatangan);
        if (!signature.ok())
            return signature.error();
        letter.content_json = letter_content_json(content);
        letter.content_sha256 = sha256_hex(letter.content_json);
        letter.signatures_json = signatures_json({ { std::string(k_purpose_tandatangan), *signature } });
        letter.signed_by = signer.id;
        letter.signed_at = now;
        return letter;
    };
    return store::LetterWork { .kind = definition.letter->id, .write = write };
}

Result<store::LetterWork> LetterDesk::sealing_work(Staff const& staff, Case const& item, SopDefinition const& definition) const
{
    if (!definition.letter)
        return Error::internal("SOP " + definition.id + " menyegel surat tetapi tidak mendefinisikan [letter].");
    if (auto reachable = letters_reachable(staff.office); !reachable.ok())
        return reachable.error();
    std::string const kind = definition.letter->id;
    auto seal = derive_office_seal(m_settings.seal_secret, staff.office.code);
    if (!seal.ok())
        return seal.error();
    Timestamp const now = m_clock();
    auto recorded = m_store.ensure_office_seal(staff.office.id, seal->public_key_b64, now);
    if (!recorded.ok()) {
        sodium_memzero(seal->secret_key.data(), seal->secret_key.size());
        return recorded.error();
    }
    auto keys = std::make_shared<SealKeys>(std::move(*seal));
    std::string const office_code = staff.office.code;
    // The logo the signed content names, read before the transaction: the
    // PDF shows the logo the Camat signed with, even if the office has
    // changed it since.
    std::string logo;
    if (auto signed_letter = m_store.letter_of_case(item.id, kind); signed_letter.ok())
        if (auto content = letter_content_from_json(signed_letter->content_json); content.ok() && !content->office.logo_sha256.empty())
            if (auto bytes = m_store.logo(content->office.logo_sha256); bytes.ok())
                logo = std::move(*bytes);
    // A letter signed before letters were templates (content version 1) is
    // drawn with the wording of the service's template.
    auto write = [keys, now, office_code, logo, definition](Case const& after, std::optional<store::LetterRecord> const& existing) -> Result<store::LetterRecord> {
        WipeOnExit wipe { keys->secret_key };
        if (!existing || !existing->signed_at)
            return Error::invalid_transition("Surat belum ditandatangani, jadi belum dapat diberi nomor dan disegel.");
        auto content = letter_content_from_json(existing->content_json);
        if (!content.ok())
            return content.error();
        content->number = after.letter_number;
        if (!content->office.logo_sha256.empty()) {
            if (sha256_hex(logo) != content->office.logo_sha256)
                return Error::internal("Logo kantor yang tercatat pada surat tidak ditemukan.");
            content->office.logo_png = logo;
        }
        store::LetterRecord letter = *existing;
        letter.number = after.letter_number;
        letter.content_json = letter_content_json(*content);
        letter.content_sha256 = sha256_hex(letter.content_json);
        auto signatures = signatures_from_json(existing->signatures_json);
        if (!signatures.ok())
            return signatures.error();
        // Frozen from here on: these bytes are what every later print gives.
        // They are rendered before the seal, so that the seal covers them.
        LetterContent printed = legacy_letter_body(*content, definition);
        letter.pdf = render_frozen(printed);
        letter.pdf_sha256 = pdf_sha256(letter.pdf);
        printed.copy = LetterCopy::Archive;
        letter.archive_pdf = render_frozen(printed);
        letter.archive_pdf_sha256 = pdf_sha256(letter.archive_pdf);
        auto seal_signature = sign_content(keys->secret_key, keys->public_key_b64, "kantor:" + office_code, letter.content_sha256, now,
            k_purpose_segel, { .pdf_sha256 = letter.pdf_sha256, .archive_pdf_sha256 = letter.archive_pdf_sha256 });
        if (!seal_signature.ok())
            return seal_signature.error();
        signatures->push_back({ std::string(k_purpose_segel), *seal_signature });
        letter.signatures_json = signatures_json(*signatures);
        letter.sealed_at = now;
        return letter;
    };
    return store::LetterWork { .kind = kind, .write = write };
}

Result<store::LetterRecord> LetterDesk::sealed_letter(Staff const& staff, Id case_id) const
{
    auto item = m_desk.case_in_office(staff, case_id);
    if (!item.ok())
        return item.error();
    SopDefinition const* definition = m_desk.service(item->service_id);
    if (!definition || !definition->letter)
        return Error::not_found("Layanan ini tidak menerbitkan surat.");
    auto letter = m_store.letter_of_case(case_id, definition->letter->id);
    if (!letter.ok() && letter.error().kind != ErrorKind::NotFound)
        return letter.error();
    if (!letter.ok() || !letter->sealed_at) {
        Error error = Error::conflict("Surat belum terbit: surat dapat dicetak setelah diberi nomor dan disegel pada pengarsipan.");
        error.code = "letter.not_sealed";
        return error;
    }
    return letter;
}

Result<std::string> LetterDesk::draft(Staff const& staff, Id case_id, DraftFormat format, std::string const& address) const
{
    auto item = m_desk.case_in_office(staff, case_id);
    if (!item.ok())
        return item.error();
    // The definition signing would use (LetterDesk::act's).
    SopDefinition const* definition = m_desk.service(item->service_id);
    if (!definition || !definition->letter)
        return Error::not_found("Layanan ini tidak menerbitkan surat.");
    ActionDefinition const* signing = signing_action(*definition, item->state);
    bool const initialling = !signing && initialling_action(*definition, item->state);
    if (!signing && !initialling) {
        Error error = Error::conflict("Konsep surat ditampilkan pada tahap paraf dan penandatanganan; permohonan ini sedang pada tahap "
            + definition->state_label(item->state) + ".");
        error.code = "letter.no_draft";
        return error;
    }
    // The person looking signs it, when they may: the draft is then the
    // letter their signature would cover.
    bool may_sign = false;
    if (signing)
        for (auto const* offered : available_actions(*definition, item->state, staff.actor()))
            may_sign = may_sign || offered == signing;
    Timestamp const now = m_clock();
    auto content = letter_to_sign(may_sign ? &staff : nullptr, *item, *definition, signing ? signing : any_signing_action(*definition), now);
    if (!content.ok())
        return content.error();
    // Not initialled yet: an earlier round's paraf does not count.
    if (initialling)
        content->paraf.clear();
    content->copy = LetterCopy::Draft;
    content->verification_url.clear();
    (void)m_store.log_access(staff.user.id, case_id, "lihat konsep surat", address, now);
    LetterContent const printed = legacy_letter_body(*content, *definition);
    MarkSheet const labels { .layout = MarkLayout::Labels, .corner = MarkCorner::BottomRight, .paper = printed.paper_size };
    if (format == DraftFormat::Png)
        return printed.mark ? render_marks_png(printed, labels) : render_letter_png(printed);
    return printed.mark ? render_marks_pdf(printed, labels) : render_letter_pdf(printed);
}

Result<std::vector<WorkItem>> LetterDesk::awaiting(Staff const& staff, BatchKind kind) const
{
    auto items = m_desk.worklist(staff);
    if (!items.ok())
        return items.error();
    std::vector<WorkItem> waiting;
    for (auto& item : *items) {
        SopDefinition const* definition = m_desk.service(item.item.service_id);
        if (!definition || !definition->letter)
            continue;
        ActionDefinition const* wanted = kind == BatchKind::Sign ? signing_action(*definition, item.item.state)
                                                                 : initialling_action(*definition, item.item.state);
        bool const offered = std::any_of(item.actions.begin(), item.actions.end(), [&](auto const* action) { return wanted && action->id == wanted->id; });
        if (offered)
            waiting.push_back(std::move(item));
    }
    return waiting;
}

bool LetterDesk::takes_part(Staff const& staff, BatchKind kind) const
{
    Actor const actor = staff.actor();
    bool may = false;
    for (auto const& definition : m_desk.services())
        each_action(definition, [&](ActionDefinition const& action) {
            bool const fits = kind == BatchKind::Sign ? action.letter == LetterStage::Sign : initials_letter(definition, action);
            if (fits && definition.letter)
                for (auto const& role : action.roles)
                    may = may || actor.has_role(role);
        });
    return may;
}

Result<std::vector<BatchOutcome>> LetterDesk::act_on_batch(Staff const& staff, BatchKind kind, std::vector<Id> const& cases,
    std::string const& password, std::string const& address, std::string const& credential) const
{
    std::string const what = kind == BatchKind::Sign ? "ditandatangani" : "diparaf";
    if (cases.empty())
        return Error::invalid("cases", "Pilih sedikitnya satu surat untuk " + what + ".", "batch.empty");
    std::vector<Id> distinct;
    for (Id id : cases)
        if (std::find(distinct.begin(), distinct.end(), id) == distinct.end())
            distinct.push_back(id);
    if (distinct.size() > k_batch_limit)
        return Error::invalid("cases", "Paling banyak " + std::to_string(k_batch_limit) + " surat sekali " + what + "; pilih "
            + std::to_string(distinct.size()) + ".", "batch.too_long");
    // Someone whose roles sign (or initial) nothing in any service is
    // refused before the password is asked.
    if (!takes_part(staff, kind))
        return Error::forbidden(kind == BatchKind::Sign ? "Peran Anda tidak menandatangani surat." : "Peran Anda tidak memaraf surat.");
    if (kind == BatchKind::Initial && !password.empty())
        return Error::invalid("password", "Paraf tidak memakai kata sandi.", "workflow.unknown_field");
    // One password check and one key unlock for the whole batch: a wrong
    // password signs nothing.
    std::shared_ptr<UnlockedKey const> key;
    if (kind == BatchKind::Sign) {
        auto unlocked = unlock_for_signing(staff, password, address, credential);
        if (!unlocked.ok()) {
            Error error = unlocked.error();
            if (error.field == "password" && error.kind == ErrorKind::Forbidden)
                error.message = "Kata sandi salah; tidak ada surat yang ditandatangani.";
            return error;
        }
        key = std::move(*unlocked);
    }
    std::vector<BatchOutcome> outcomes;
    for (Id id : distinct)
        outcomes.push_back(act_on_one(staff, kind, id, key));
    return outcomes;
}

BatchOutcome LetterDesk::act_on_one(Staff const& staff, BatchKind kind, Id case_id, std::shared_ptr<UnlockedKey const> const& key) const
{
    BatchOutcome outcome { .case_id = case_id };
    auto refuse = [&](std::string code, std::string message) {
        outcome.code = std::move(code);
        outcome.message = std::move(message);
        return outcome;
    };
    std::string const named = "Permohonan " + std::to_string(case_id);
    // Another office's case is answered as an absent one, as everywhere.
    auto item = m_desk.case_in_office(staff, case_id);
    if (!item.ok()) {
        if (item.error().kind == ErrorKind::NotFound)
            return refuse("case.not_found", named + " tidak ada di kantor Anda.");
        return refuse(item.error().code, item.error().message);
    }
    outcome.item = *item;
    SopDefinition const* definition = m_desk.service(item->service_id);
    if (!definition || !definition->letter)
        return refuse("case.not_at_step", named + ": layanannya tidak menerbitkan surat.");
    ActionDefinition const* action = kind == BatchKind::Sign ? signing_action(*definition, item->state)
                                                             : initialling_action(*definition, item->state);
    if (!action) {
        if (kind == BatchKind::Sign) {
            auto letter = m_store.letter_of_case(case_id, definition->letter->id);
            if (letter.ok() && letter->signed_at)
                return refuse("letter.already_signed", named + ": suratnya sudah ditandatangani.");
        } else if (signing_action(*definition, item->state)) {
            return refuse("letter.already_initialled", named + ": suratnya sudah diparaf dan menunggu tanda tangan.");
        }
        return refuse("case.not_at_step", named + " sedang pada tahap " + definition->state_label(item->state) + ", bukan tahap "
            + (kind == BatchKind::Sign ? "penandatanganan." : "paraf."));
    }
    auto const allowed = available_actions(*definition, item->state, staff.actor());
    if (std::find(allowed.begin(), allowed.end(), action) == allowed.end())
        return refuse("workflow.role", named + ": peran Anda tidak dapat melakukan aksi " + action->label + ".");
    store::LetterWork work;
    if (kind == BatchKind::Sign) {
        auto made = signing_work(staff, *item, *definition, *action, key);
        if (!made.ok())
            return refuse(made.error().code, named + ": " + made.error().message);
        work = std::move(*made);
    }
    auto done = m_desk.act(staff, case_id, action->id, {}, std::nullopt, std::nullopt, work);
    if (!done.ok())
        return refuse(done.error().code, named + ": " + done.error().message);
    outcome.done = true;
    outcome.code = kind == BatchKind::Sign ? "signed" : "initialled";
    outcome.message = named + (kind == BatchKind::Sign ? ": surat ditandatangani." : ": surat diparaf.");
    outcome.item = done->case_after;
    return outcome;
}

Result<LetterVerdict> LetterDesk::judge(store::LetterRecord const& letter) const
{
    LetterVerdict verdict { .letter = letter };
    auto item = m_store.case_by_id(letter.case_id);
    if (!item.ok())
        return item.error();
    auto office = m_store.office_by_id(item->office_id);
    if (!office.ok())
        return office.error();
    verdict.office = *office;
    // What the letter is, as its service's definition says.
    if (SopDefinition const* definition = m_desk.service(item->service_id); definition && definition->letter)
        verdict.subject = definition->letter->subject;

    auto content = letter_content_from_json(letter.content_json);
    LetterCheck& check = verdict.check;
    if (content.ok()) {
        verdict.content = *content;
        verdict.nik_masked = mask_nik(content->person_nik);
        // The stored text must be the canonical form of what it says, and
        // hash to what was recorded (and signed).
        check.content_intact = letter_content_json(*content) == letter.content_json && sha256_hex(letter.content_json) == letter.content_sha256;
    }
    auto signatures = signatures_from_json(letter.signatures_json);
    if (content.ok() && signatures.ok()) {
        for (auto const& [purpose, signature] : *signatures) {
            if (purpose == k_purpose_tandatangan) {
                auto key = m_store.signer_key_by_public_key(signature.public_key_b64);
                check.signed_ok = key.ok() && key->user_id == letter.signed_by && letter.signed_at == signature.signed_at
                    && verify_signature(signature, unnumbered_content_sha256(*content), k_purpose_tandatangan);
            } else if (purpose == k_purpose_segel) {
                // The seal key must be the one this server's seal secret
                // derives for the office, not merely a key on record: a row
                // added to office_seals proves nothing.
                auto seal = derive_office_seal(m_settings.seal_secret, office->code);
                bool const our_key = seal.ok() && seal->public_key_b64 == signature.public_key_b64;
                if (seal.ok())
                    sodium_memzero(seal->secret_key.data(), seal->secret_key.size());
                // A seal made since the PDFs are covered names their hashes;
                // they must be the stored letter's. An older seal (v1) covers
                // the content alone, and the PDFs only by their stored hashes.
                bool const pdfs_match = signature.pdf_sha256.empty()
                    || (signature.pdf_sha256 == letter.pdf_sha256 && signature.archive_pdf_sha256 == letter.archive_pdf_sha256);
                check.sealed_ok = our_key && pdfs_match && letter.sealed_at == signature.signed_at
                    && verify_signature(signature, letter_content_sha256(*content), k_purpose_segel);
            }
        }
    }
    check.pdf_intact = letter.sealed_at && !letter.pdf.empty() && sha256_hex(letter.pdf) == letter.pdf_sha256
        && sha256_hex(letter.archive_pdf) == letter.archive_pdf_sha256;
    check.revoked = letter.revoked_at.has_value();

    if (!letter.sealed_at) {
        verdict.status = "unsealed";
        verdict.status_text = "Surat ini belum terbit: belum diberi nomor dan disegel.";
    } else if (check.revoked) {
        verdict.status = "revoked";
        verdict.status_text = "Surat ini telah DICABUT"
            + (letter.revoked_reason.empty() ? std::string(".") : ": " + letter.revoked_reason + ".");
    } else if (check.valid()) {
        verdict.status = "valid";
        verdict.status_text = "Surat ini SAH: diterbitkan oleh Kantor Camat " + office->name + " dan tidak berubah sejak disegel.";
    } else {
        verdict.status = "invalid";
        verdict.status_text = "Surat ini TIDAK SAH: isinya tidak cocok dengan tanda tangan atau segel yang tercatat.";
    }
    return verdict;
}

Result<LetterVerdict> LetterDesk::logged(Result<store::LetterRecord> found, store::VerificationMethod method, std::string const& address) const
{
    Timestamp const now = m_clock();
    if (!found.ok()) {
        if (found.error().kind == ErrorKind::NotFound)
            (void)m_store.log_verification(std::nullopt, method, store::VerificationOutcome::Unknown, address, now);
        return found.error();
    }
    auto verdict = judge(*found);
    if (!verdict.ok())
        return verdict.error();
    auto outcome = verdict->status == "valid" ? store::VerificationOutcome::Valid
        : verdict->status == "revoked"        ? store::VerificationOutcome::Revoked
                                              : store::VerificationOutcome::Invalid;
    (void)m_store.log_verification(found->id, method, outcome, address, now);
    return verdict;
}

Result<LetterVerdict> LetterDesk::verify_token(std::string const& token, std::string const& address) const
{
    return logged(m_store.letter_by_token(token), store::VerificationMethod::Token, address);
}

Result<LetterVerdict> LetterDesk::verify_pdf(std::string const& pdf_bytes, std::string const& address) const
{
    return logged(m_store.letter_by_pdf_sha256(sha256_hex(pdf_bytes)), store::VerificationMethod::Pdf, address);
}

Result<std::string> load_or_create_seal_secret(std::string const& path, MissingSealSecret missing)
{
    struct stat status {};
    if (::lstat(path.c_str(), &status) != 0) {
        if (errno != ENOENT)
            return Error::unavailable("Berkas rahasia segel " + path + " tidak dapat diperiksa: " + std::strerror(errno) + ".");
        if (missing == MissingSealSecret::Refuse) {
            Error error = Error::not_found("Berkas rahasia segel " + path + " tidak ada, padahal basis data ini sudah memakai segel kantor. "
                "Pulihkan berkas itu dari cadangan (atau salin dari server lain yang melayani basis data yang sama, mode 0600): "
                "tanpa rahasia yang sama, segel dan jejak audit yang ada tidak dapat diperiksa dan segel baru tidak akan cocok. "
                "sopir tidak membuat rahasia baru untuk basis data yang sudah bersegel.");
            error.code = "seal_secret.missing";
            return error;
        }
        // A fresh office with no seal yet: the secret is made here, 0600.
        // The default, var/segel.key, may be the first file in var/.
        std::error_code ignored;
        if (auto parent = std::filesystem::path(path).parent_path(); !parent.empty())
            std::filesystem::create_directories(parent, ignored);
        int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
        if (fd < 0)
            return Error::unavailable("Rahasia segel tidak dapat dibuat di " + path + ": " + std::strerror(errno) + ".");
        // Whatever the umask, the file is the owner's alone.
        (void)::fchmod(fd, 0600);
        std::string secret(k_seal_secret_bytes, '\0');
        randombytes_buf(secret.data(), secret.size());
        bool const written = ::write(fd, secret.data(), secret.size()) == static_cast<ssize_t>(secret.size()) && ::fsync(fd) == 0;
        ::close(fd);
        if (!written)
            return Error::unavailable("Rahasia segel tidak dapat ditulis ke " + path + ".");
        return secret;
    }
    // A symbolic link could point the server at a file someone else
    // controls; a file others can read gives them every seal and audit key.
    if (S_ISLNK(status.st_mode))
        return Error::unavailable("Berkas rahasia segel " + path + " adalah tautan simbolik; sopir hanya memakai berkas biasa. "
            "Letakkan berkas aslinya di jalur itu dengan mode 0600.");
    if (!S_ISREG(status.st_mode))
        return Error::unavailable("Berkas rahasia segel " + path + " bukan berkas biasa.");
    if ((status.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(status.st_mode & 07777));
        return Error::unavailable("Berkas rahasia segel " + path + " dapat dibaca oleh grup atau pengguna lain (mode " + mode
            + "); rahasia itu membuka segel kantor dan kunci audit. Batasi dulu: chmod 600 " + path);
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW);
    if (fd < 0)
        return Error::unavailable("Berkas rahasia segel " + path + " tidak dapat dibaca: " + std::strerror(errno) + ".");
    std::string bytes(k_seal_secret_bytes + 1, '\0');
    ssize_t const got = ::read(fd, bytes.data(), bytes.size());
    ::close(fd);
    if (got != static_cast<ssize_t>(k_seal_secret_bytes))
        return Error::unavailable("Berkas rahasia segel " + path + " harus berisi tepat " + std::to_string(k_seal_secret_bytes) + " byte.");
    bytes.resize(k_seal_secret_bytes);
    return bytes;
}

}
