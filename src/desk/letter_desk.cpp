#include "desk/letter_desk.hpp"

#include "core/identity.hpp"
#include "core/indonesian.hpp"
#include "core/json.hpp"
#include "core/nip.hpp"
#include "core/sha256.hpp"
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

    std::string json_text(nlohmann::json const& json, char const* key)
    {
        auto found = json.find(key);
        return found != json.end() && found->is_string() ? found->get<std::string>() : std::string();
    }

    // The applicant's data as the letter prints them, from what intake
    // stored (desk.cpp, applicant_to_json).
    LetterApplicant letter_applicant(Case const& item, Office const& office)
    {
        auto const json = parse_json_or(item.applicant_json, nlohmann::json());
        LetterApplicant person;
        person.name = item.applicant_name;
        person.nik = item.nik;
        person.birth_date = item.birth_date.value_or(Date {});
        if (json.is_object()) {
            person.birth_place = json_text(json, "birth_place");
            std::string const sex = json_text(json, "sex");
            person.sex = sex == "P" ? "Perempuan" : sex == "L" ? "Laki-laki" : sex;
            person.religion = json_text(json, "religion");
            person.marital_status = json_text(json, "marital_status");
            person.occupation = json_text(json, "occupation");
            person.address = json_text(json, "address");
            person.rt = json_text(json, "rt");
            person.rw = json_text(json, "rw");
            person.village = json_text(json, "village_name");
        }
        if (person.village.empty())
            person.village = item.village_code;
        person.kecamatan = office.name;
        return person;
    }

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

namespace {

    // The signer's title on the day: "CAMAT …", or "Plt."/"Plh." when the
    // role that may sign is held by an acting assignment that day. A
    // permanent assignment wins over an acting one.
    std::string signer_title(Staff const& staff, ActionDefinition const& action, Date day)
    {
        std::optional<Acting> acting;
        for (auto const& assignment : staff.assignments) {
            bool const may_sign = std::find(action.roles.begin(), action.roles.end(), assignment.role) != action.roles.end();
            if (assignment.office_id != staff.office.id || !may_sign || !assignment.holds_on(day))
                continue;
            if (!acting || assignment.acting == Acting::None)
                acting = assignment.acting;
        }
        return camat_title(acting.value_or(Acting::None), staff.office.name);
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

    // The day of the recording: when the case last left the perekaman step
    // (the Perekaman E-KTP letter's statement); the signing day otherwise.
    Date recording_date(std::vector<ActionRecord> const& history, Office const& office, Date fallback)
    {
        for (auto record = history.rbegin(); record != history.rend(); ++record)
            if (record->from_state == "perekaman" && record->to_state != record->from_state)
                return local_date(record->at, office.utc_offset_minutes);
        return fallback;
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

std::string LetterDesk::verification_url(std::string const& token) const
{
    return m_settings.public_url + "/verifikasi/" + token;
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

    auto work = chosen->letter == LetterStage::Sign ? signing_work(staff, *current, *definition, *chosen, password, address, credential)
                                                    : sealing_work(staff, *current);
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

Result<store::LetterWork> LetterDesk::signing_work(Staff const& staff, Case const& item, SopDefinition const& definition,
    ActionDefinition const& signing, std::string const& password, std::string const& address, std::string const& credential) const
{
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
    std::string public_key;
    auto secret = unlock_signer_key(staff.user, password, public_key);
    if (!secret.ok())
        return secret.error();

    auto history = m_store.case_actions(item.id);
    if (!history.ok())
        return history.error();
    std::string paraf;
    if (auto actor = paraf_actor(definition, signing, *history)) {
        auto initialler = m_store.user_by_id(*actor);
        if (initialler.ok())
            paraf = paraf_initials(initialler->full_name);
    }
    Timestamp const now = m_clock();
    Office const office = staff.office;
    Date const today = local_date(now, office.utc_offset_minutes);

    LetterContent content;
    content.office = printed_office(m_store, office);
    content.applicant = letter_applicant(item, office);
    content.recording_date = recording_date(*history, office, today);
    content.letter_date = today;
    content.purpose = "Surat keterangan ini diberikan sebagai bukti bahwa yang bersangkutan telah melakukan perekaman KTP-el, "
                      "untuk pengambilan KTP-el yang telah dicetak di Dinas Kependudukan dan Pencatatan Sipil "
        + office.regency + ".";
    content.disdukcapil_whatsapp = office.disdukcapil_whatsapp;
    content.signer = { .title = signer_title(staff, signing, today), .name = staff.user.full_name,
        .pangkat_golongan = staff.user.pangkat_golongan, .nip = printed_nip(staff.user.nip) };
    content.paraf = paraf;
    content.paper_size = office.paper_size;

    // The secret key is captured by value and wiped when the work is done;
    // the work runs once, inside the action's transaction.
    auto shared_secret = std::make_shared<std::string>(std::move(*secret));
    auto write = [this, content, public_key, shared_secret, now, signer = staff.user](Case const&,
                     std::optional<store::LetterRecord> const& existing) mutable -> Result<store::LetterRecord> {
        WipeOnExit wipe { *shared_secret };
        store::LetterRecord letter;
        // A letter signed again after a correction keeps its address.
        letter.verification_token = existing ? existing->verification_token : new_verification_token();
        content.verification_url = verification_url(letter.verification_token);
        auto signature = sign_content(*shared_secret, public_key, signer.username, unnumbered_content_sha256(content), now,
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
    return store::LetterWork { .kind = k_surat_keterangan, .write = write };
}

Result<store::LetterWork> LetterDesk::sealing_work(Staff const& staff, Case const& item) const
{
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
    if (auto signed_letter = m_store.letter_of_case(item.id, k_surat_keterangan); signed_letter.ok())
        if (auto content = letter_content_from_json(signed_letter->content_json); content.ok() && !content->office.logo_sha256.empty())
            if (auto bytes = m_store.logo(content->office.logo_sha256); bytes.ok())
                logo = std::move(*bytes);
    auto write = [keys, now, office_code, logo](Case const& after, std::optional<store::LetterRecord> const& existing) -> Result<store::LetterRecord> {
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
        letter.pdf = render_surat_keterangan_pdf(*content);
        letter.pdf_sha256 = pdf_sha256(letter.pdf);
        LetterContent archive_copy = *content;
        archive_copy.copy = LetterCopy::Archive;
        letter.archive_pdf = render_surat_keterangan_pdf(archive_copy);
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
    return store::LetterWork { .kind = k_surat_keterangan, .write = write };
}

Result<store::LetterRecord> LetterDesk::sealed_letter(Staff const& staff, Id case_id) const
{
    auto item = m_desk.case_in_office(staff, case_id);
    if (!item.ok())
        return item.error();
    auto letter = m_store.letter_of_case(case_id, k_surat_keterangan);
    if (!letter.ok() && letter.error().kind != ErrorKind::NotFound)
        return letter.error();
    if (!letter.ok() || !letter->sealed_at) {
        Error error = Error::conflict("Surat belum terbit: surat dapat dicetak setelah diberi nomor dan disegel pada pengarsipan.");
        error.code = "letter.not_sealed";
        return error;
    }
    return letter;
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
    verdict.subject = "Surat Keterangan telah melakukan Perekaman KTP-el";

    auto content = letter_content_from_json(letter.content_json);
    LetterCheck& check = verdict.check;
    if (content.ok()) {
        verdict.content = *content;
        verdict.nik_masked = mask_nik(content->applicant.nik);
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
