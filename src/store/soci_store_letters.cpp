// The SOCI store's letters: the letter a signing or sealing action writes,
// signer and seal keys, revocation and the verification log.
#include "core/sha256.hpp"
#include "store/queries.hpp"
#include "store/soci_support.hpp"
#include "store/transaction.hpp"

#include <sodium.h>

#include <cstring>

namespace sopir::store {

namespace {

    // PDFs are kept as base64 text (see 0003_letters.sql for why).
    std::string encode_base64(std::string const& bytes)
    {
        if (bytes.empty())
            return {};
        std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
        sodium_bin2base64(out.data(), out.size(), reinterpret_cast<unsigned char const*>(bytes.data()), bytes.size(),
            sodium_base64_VARIANT_ORIGINAL);
        out.resize(std::strlen(out.c_str()));
        return out;
    }

    std::string decode_base64(std::string const& text)
    {
        std::string out(text.size() / 4 * 3 + 3, '\0');
        std::size_t length = 0;
        if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                &length, nullptr, sodium_base64_VARIANT_ORIGINAL)
            != 0)
            throw std::runtime_error("letters.pdf is not base64");
        out.resize(length);
        return out;
    }

    struct OptionalTime {
        Timestamp value { 0 };
        soci::indicator indicator { soci::i_null };

        std::optional<Timestamp> get() const { return indicator == soci::i_ok ? std::optional(value) : std::nullopt; }
    };

    // Column buffers for one letter, in the order of the letter queries.
    struct LetterRow {
        LetterRecord letter;
        std::string pdf_base64, archive_base64;
        Id signed_by { 0 };
        soci::indicator signed_by_indicator { soci::i_null };
        OptionalTime signed_at, sealed_at, revoked_at;

        void bind(soci::statement& statement)
        {
            statement.exchange(soci::into(letter.id));
            statement.exchange(soci::into(letter.case_id));
            statement.exchange(soci::into(letter.kind));
            statement.exchange(soci::into(letter.number));
            statement.exchange(soci::into(letter.content_json));
            statement.exchange(soci::into(letter.content_sha256));
            statement.exchange(soci::into(letter.signatures_json));
            statement.exchange(soci::into(letter.verification_token));
            statement.exchange(soci::into(pdf_base64));
            statement.exchange(soci::into(letter.pdf_sha256));
            statement.exchange(soci::into(archive_base64));
            statement.exchange(soci::into(letter.archive_pdf_sha256));
            statement.exchange(soci::into(signed_by, signed_by_indicator));
            statement.exchange(soci::into(signed_at.value, signed_at.indicator));
            statement.exchange(soci::into(sealed_at.value, sealed_at.indicator));
            statement.exchange(soci::into(revoked_at.value, revoked_at.indicator));
            statement.exchange(soci::into(letter.revoked_reason));
            statement.exchange(soci::into(letter.created_at));
            statement.exchange(soci::into(letter.updated_at));
        }

        LetterRecord get() const
        {
            LetterRecord result = letter;
            result.pdf = decode_base64(pdf_base64);
            result.archive_pdf = decode_base64(archive_base64);
            result.signed_by = signed_by_indicator == soci::i_ok ? signed_by : 0;
            result.signed_at = signed_at.get();
            result.sealed_at = sealed_at.get();
            result.revoked_at = revoked_at.get();
            return result;
        }
    };

    struct SignerKeyRow {
        SignerKeyRecord key;
        OptionalTime retired_at;

        void bind(soci::statement& statement)
        {
            statement.exchange(soci::into(key.id));
            statement.exchange(soci::into(key.user_id));
            statement.exchange(soci::into(key.public_key));
            statement.exchange(soci::into(key.sealed_secret));
            statement.exchange(soci::into(key.salt));
            statement.exchange(soci::into(key.nonce));
            statement.exchange(soci::into(key.created_at));
            statement.exchange(soci::into(retired_at.value, retired_at.indicator));
        }

        SignerKeyRecord get() const
        {
            SignerKeyRecord result = key;
            result.retired_at = retired_at.get();
            return result;
        }
    };

    std::string_view method_text(VerificationMethod method)
    {
        return method == VerificationMethod::Pdf ? "pdf" : "token";
    }

    std::string_view outcome_text(VerificationOutcome outcome)
    {
        switch (outcome) {
        case VerificationOutcome::Valid: return "valid";
        case VerificationOutcome::Invalid: return "invalid";
        case VerificationOutcome::Revoked: return "revoked";
        case VerificationOutcome::Unknown: break;
        }
        return "unknown";
    }

    Error letter_missing()
    {
        return Error::not_found("Surat tidak ditemukan.");
    }

}

Result<LetterRecord> write_letter_in_transaction(soci::session& sql, LetterWork const& work, Case const& after, Timestamp now)
{
    auto found = select_all<LetterRow>(sql, queries::k_select_letter_of_case, after.id, work.kind);
    std::optional<LetterRecord> existing;
    if (!found.empty())
        existing = found.front();
    if (existing && existing->sealed_at)
        return Error::conflict("Surat ini sudah disegel dan tidak dapat diubah lagi.");
    auto written = work.write(after, existing);
    if (!written.ok())
        return written.error();
    LetterRecord letter = *written;
    letter.case_id = after.id;
    letter.kind = work.kind;
    letter.updated_at = now;
    std::string const pdf = encode_base64(letter.pdf);
    std::string const archive = encode_base64(letter.archive_pdf);
    soci::indicator signed_by_indicator = letter.signed_by ? soci::i_ok : soci::i_null;
    Timestamp signed_at = letter.signed_at.value_or(0), sealed_at = letter.sealed_at.value_or(0);
    soci::indicator signed_indicator = letter.signed_at ? soci::i_ok : soci::i_null;
    soci::indicator sealed_indicator = letter.sealed_at ? soci::i_ok : soci::i_null;
    if (existing) {
        letter.id = existing->id;
        letter.verification_token = existing->verification_token; // The printed address never changes.
        letter.created_at = existing->created_at;
        soci::statement update = (sql.prepare << queries::k_update_unsealed_letter, soci::use(letter.number),
            soci::use(letter.content_json), soci::use(letter.content_sha256), soci::use(letter.signatures_json), soci::use(pdf),
            soci::use(letter.pdf_sha256), soci::use(archive), soci::use(letter.archive_pdf_sha256),
            soci::use(letter.signed_by, signed_by_indicator), soci::use(signed_at, signed_indicator),
            soci::use(sealed_at, sealed_indicator), soci::use(letter.updated_at), soci::use(letter.id));
        update.execute(true);
        if (update.get_affected_rows() != 1)
            return Error::conflict("Surat ini sudah disegel dan tidak dapat diubah lagi.");
    } else {
        letter.created_at = now;
        sql << queries::k_insert_letter, soci::use(letter.case_id), soci::use(letter.kind), soci::use(letter.number),
            soci::use(letter.content_json), soci::use(letter.content_sha256), soci::use(letter.signatures_json),
            soci::use(letter.verification_token), soci::use(pdf), soci::use(letter.pdf_sha256), soci::use(archive),
            soci::use(letter.archive_pdf_sha256), soci::use(letter.signed_by, signed_by_indicator),
            soci::use(signed_at, signed_indicator), soci::use(sealed_at, sealed_indicator), soci::use(letter.created_at),
            soci::use(letter.updated_at), soci::into(letter.id);
    }
    return letter;
}

Status SociStore::set_office_logo(Id office_id, std::string const& png, Timestamp now, Id actor)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        std::string const sha = sha256_hex(png);
        std::string const encoded = encode_base64(png);
        sql << queries::k_insert_logo, soci::use(sha), soci::use(encoded), soci::use(now);
        soci::statement update = (sql.prepare << queries::k_set_office_logo, soci::use(sha), soci::use(office_id));
        update.execute(true);
        if (update.get_affected_rows() != 1)
            return Error::not_found("Kantor tidak ada.");
        append_security_event(sql, m_audit_mac_key, { .kind = "kantor.logo", .actor_id = actor, .office_id = office_id,
            .subject = "kantor " + std::to_string(office_id), .data_json = nlohmann::json { { "sha256", sha } }.dump(), .at = now });
        transaction.commit();
        return Ok {};
    });
}

Result<std::string> SociStore::logo(std::string const& sha256)
{
    return with_session([&](soci::session& sql) -> Result<std::string> {
        std::string encoded;
        soci::indicator indicator = soci::i_null;
        sql << queries::k_select_logo, soci::use(sha256), soci::into(encoded, indicator);
        if (!sql.got_data() || indicator != soci::i_ok)
            return Error::not_found("Logo tidak ada.");
        return decode_base64(encoded);
    });
}

Result<LetterRecord> SociStore::letter_of_case(Id case_id, std::string const& kind)
{
    return with_session([&](soci::session& sql) {
        return select_one<LetterRow>(sql, "Surat untuk permohonan ini belum ada.", queries::k_select_letter_of_case, case_id, kind);
    });
}

Result<LetterRecord> SociStore::letter_by_token(std::string const& token)
{
    return with_session([&](soci::session& sql) {
        return select_one<LetterRow>(sql, "Surat tidak ditemukan.", queries::k_select_letter_by_token, token);
    });
}

Result<LetterRecord> SociStore::letter_by_pdf_sha256(std::string const& sha256)
{
    return with_session([&](soci::session& sql) {
        return select_one<LetterRow>(sql, "Berkas PDF ini tidak cocok dengan surat mana pun di arsip.", queries::k_select_letter_by_pdf_sha256,
            sha256, sha256);
    });
}

Result<LetterRecord> SociStore::revoke_letter(Id case_id, std::string const& kind, std::string const& reason, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Result<LetterRecord> {
        WriteTransaction transaction(sql, backend());
        auto found = select_all<LetterRow>(sql, queries::k_select_letter_of_case, case_id, kind);
        if (found.empty())
            return letter_missing();
        LetterRecord letter = found.front();
        if (!letter.sealed_at)
            return Error::conflict("Surat ini belum disegel; yang belum terbit tidak perlu dicabut.");
        if (letter.revoked_at)
            return Error::conflict("Surat ini sudah dicabut.");
        soci::statement revoke = (sql.prepare << queries::k_revoke_letter, soci::use(now), soci::use(reason), soci::use(now),
            soci::use(letter.id));
        revoke.execute(true);
        if (revoke.get_affected_rows() != 1)
            return Error::conflict("Surat ini sudah dicabut.");
        append_security_event(sql, m_audit_mac_key, { .kind = "surat.cabut", .subject = "surat " + std::to_string(letter.id),
            .data_json = nlohmann::json { { "case_id", case_id }, { "kind", kind }, { "number", letter.number } }.dump(), .at = now });
        transaction.commit();
        letter.revoked_at = now;
        letter.revoked_reason = reason;
        return letter;
    });
}

Status SociStore::log_verification(std::optional<Id> letter_id, VerificationMethod method, VerificationOutcome outcome,
    std::string const& address, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Status {
        Id id = letter_id.value_or(0);
        soci::indicator id_indicator = letter_id ? soci::i_ok : soci::i_null;
        std::string const method_name(method_text(method)), outcome_name(outcome_text(outcome));
        sql << queries::k_insert_letter_verification, soci::use(id, id_indicator), soci::use(method_name), soci::use(outcome_name),
            soci::use(address), soci::use(now);
        return Ok {};
    });
}

Result<SignerKeyRecord> SociStore::active_signer_key(Id user_id)
{
    return with_session([&](soci::session& sql) {
        return select_one<SignerKeyRow>(sql, "Belum ada kunci tanda tangan.", queries::k_select_active_signer_key, user_id);
    });
}

Result<SignerKeyRecord> SociStore::replace_signer_key(Id user_id, SignerKeyRecord key, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Result<SignerKeyRecord> {
        WriteTransaction transaction(sql, backend());
        if (backend() == Backend::Postgresql) {
            Id locked = 0;
            sql << queries::k_lock_signer, soci::use(user_id), soci::into(locked);
        }
        sql << queries::k_retire_signer_keys, soci::use(now), soci::use(user_id);
        key.user_id = user_id;
        key.created_at = now;
        key.retired_at.reset();
        sql << queries::k_insert_signer_key, soci::use(key.user_id), soci::use(key.public_key), soci::use(key.sealed_secret),
            soci::use(key.salt), soci::use(key.nonce), soci::use(key.created_at), soci::into(key.id);
        append_security_event(sql, m_audit_mac_key, { .kind = "kunci.ganti", .actor_id = user_id, .subject = "pengguna " + std::to_string(user_id),
            .data_json = nlohmann::json { { "public_key", key.public_key } }.dump(), .at = now });
        transaction.commit();
        return key;
    });
}

Status SociStore::reseal_signer_key(SignerKeyRecord const& key)
{
    return with_session([&](soci::session& sql) -> Status {
        sql << queries::k_reseal_signer_key, soci::use(key.sealed_secret), soci::use(key.salt), soci::use(key.nonce), soci::use(key.id);
        return Ok {};
    });
}

Result<SignerKeyRecord> SociStore::signer_key_by_public_key(std::string const& public_key)
{
    return with_session([&](soci::session& sql) {
        return select_one<SignerKeyRow>(sql, "Kunci tanda tangan tidak tercatat.", queries::k_select_signer_key_by_public_key, public_key);
    });
}

Status SociStore::ensure_office_seal(Id office_id, std::string const& public_key, Timestamp now)
{
    return with_session([&](soci::session& sql) -> Status {
        WriteTransaction transaction(sql, backend());
        auto in_use = [&]() -> std::optional<std::string> {
            std::string key;
            soci::indicator indicator = soci::i_null;
            sql << queries::k_select_active_office_seal, soci::use(office_id), soci::into(key, indicator);
            if (sql.got_data() && indicator == soci::i_ok)
                return key;
            return std::nullopt;
        };
        auto recorded = in_use();
        if (!recorded) {
            // On PostgreSQL another server may be recording the seal too: the
            // insert waits for it and does nothing when it commits first; the
            // statement after sees its row (READ COMMITTED).
            sql << queries::k_insert_office_seal, soci::use(office_id), soci::use(public_key), soci::use(now);
            recorded = in_use();
            transaction.commit();
        }
        if (recorded != public_key)
            return Error::conflict("Rahasia segel server ini bukan yang dipakai kantor ini untuk menyegel; "
                                   "pasang berkas rahasia segel yang sama di setiap server.");
        return Ok {};
    });
}

Result<bool> SociStore::is_office_seal(Id office_id, std::string const& public_key)
{
    return with_session([&](soci::session& sql) -> Result<bool> {
        std::int64_t count = 0;
        sql << queries::k_count_office_seal, soci::use(office_id), soci::use(public_key), soci::into(count);
        return count > 0;
    });
}

}
