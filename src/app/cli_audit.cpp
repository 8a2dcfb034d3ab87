// sopir audit verify [--heads FILE] and sopir audit export-heads [--out FILE]:
// the chains checked against what the database alone cannot fake (the rows'
// MACs and the heads signed with keys derived from the seal secret).
#include "app/cli.hpp"
#include "app/cli_support.hpp"
#include "app/store_access.hpp"
#include "letters/signing.hpp"
#include "desk/letter_desk.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

namespace sopir::app {

namespace {

    inline constexpr char const* k_heads_format = "sopir.audit-heads.v1";

    void put_field(std::string& out, std::string_view value)
    {
        out += std::to_string(value.size());
        out += ':';
        out += value;
        out += ',';
    }

    // The exact bytes each exported head's signature covers: every field of
    // the head, length-prefixed, so that no two heads encode alike.
    std::string head_message(store::ChainHead const& head, Timestamp exported_at)
    {
        std::string out;
        put_field(out, "sopir.audit-head.v1");
        put_field(out, head.chain);
        put_field(out, std::to_string(head.office_id));
        put_field(out, head.office_code);
        put_field(out, std::to_string(head.seq));
        put_field(out, std::to_string(head.last_id));
        put_field(out, std::to_string(head.last_at));
        put_field(out, head.hash);
        put_field(out, head.keyed_from ? std::to_string(*head.keyed_from) : std::string());
        put_field(out, std::to_string(exported_at));
        return out;
    }

    // The office's audit key, or the server's for the security chain.
    Result<SealKeys> head_key(std::string const& secret, store::ChainHead const& head)
    {
        return derive_audit_signing_key(secret, head.chain == "keamanan" ? std::string(k_audit_server_scope) : head.office_code);
    }

    std::string describe_row(store::AuditBreak const& broken)
    {
        std::ostringstream out;
        if (broken.table == "security_events")
            out << ", baris peristiwa keamanan id " << broken.action_id << " (tabel security_events, urutan " << broken.seq << ")";
        else
            out << ", baris aksi id " << broken.action_id << " (tabel case_actions, kasus " << broken.case_id << ", urutan " << broken.seq << ")";
        return out.str();
    }

    int print_audit(store::AuditReport const& report)
    {
        std::cout << "Jejak audit: " << report.rows << " aksi, " << report.cases << " kasus, " << report.offices << " kantor, "
                  << report.security_events << " peristiwa keamanan.\n";
        if (!report.macs_checked)
            std::cout << "MAC baris tidak diperiksa: rahasia segel tidak ada (beri --seal-secret FILE).\n";
        if (report.breaks.empty()) {
            std::cout << "Semua rantai utuh.\n";
            return k_exit_ok;
        }
        for (auto const& broken : report.breaks) {
            std::cout << "RUSAK: rantai " << broken.chain;
            if (broken.action_id)
                std::cout << describe_row(broken);
            else
                std::cout << " (urutan tercatat " << broken.seq << ")";
            if (broken.what == "mac")
                std::cout << ": MAC tidak cocok (baris diubah oleh yang tidak memegang rahasia segel): seharusnya " << broken.expected_hash
                          << ", tersimpan " << broken.stored_hash << "\n";
            else if (broken.what == "tanpa_mac")
                std::cout << ": baris tanpa MAC di bagian rantai yang sudah berkunci\n";
            else if (broken.what == "ujung_ekspor")
                std::cout << ": ujung yang diekspor (urutan " << broken.seq << ") bertanda tangan hash " << broken.expected_hash
                          << ", basis data kini memberi " << broken.stored_hash << "\n";
            else
                std::cout << ": hash seharusnya " << broken.expected_hash << ", tersimpan " << broken.stored_hash << "\n";
        }
        return k_exit_invalid;
    }

    // The seal secret, which these commands cannot do without (except plain
    // verify, which then checks hashes only).
    Result<std::string> required_secret(store::Store& store, std::string const& path)
    {
        auto secret = load_seal_secret_if_present(store, path);
        if (!secret.ok())
            return secret.error();
        if (!*secret)
            return Error::not_found("Berkas rahasia segel " + path + " tidak ada: ujung rantai hanya dapat ditandatangani dan "
                "diperiksa dengan rahasia server (beri --seal-secret FILE).");
        return std::move(**secret);
    }

    Result<std::string> mac_key_of(std::string const& secret)
    {
        return derive_audit_mac_key(secret);
    }

    int export_heads(CliContext& context, std::string const& out_file)
    {
        auto opened = open_store(context.db_url);
        if (!opened.ok())
            return fail(opened.error());
        auto secret = required_secret(*opened->store, context.seal_secret_file);
        if (!secret.ok())
            return fail(secret.error());
        auto mac_key = mac_key_of(*secret);
        if (!mac_key.ok())
            return fail(mac_key.error());
        // Heads are signed only over chains that hold: signing a rewritten
        // chain would bless the rewrite.
        auto report = opened->store->verify_audit({ .mac_key = *mac_key, .heads = {} });
        if (!report.ok())
            return fail(report.error());
        if (!report->breaks.empty()) {
            print_audit(*report);
            std::cerr << "sopir: ujung rantai tidak diekspor: ada rantai yang rusak.\n";
            return k_exit_invalid;
        }
        auto heads = opened->store->chain_heads();
        if (!heads.ok())
            return fail(heads.error());
        Timestamp const now = static_cast<Timestamp>(std::time(nullptr));
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (auto const& head : *heads) {
            auto key = head_key(*secret, head);
            if (!key.ok())
                return fail(key.error());
            auto signature = sign_detached(key->secret_key, head_message(head, now));
            sodium_memzero(key->secret_key.data(), key->secret_key.size());
            if (!signature.ok())
                return fail(signature.error());
            list.push_back({ { "chain", head.chain }, { "office_id", head.office_id }, { "office_code", head.office_code },
                { "seq", head.seq }, { "last_id", head.last_id }, { "last_at", head.last_at }, { "hash", head.hash },
                { "keyed_from", head.keyed_from ? nlohmann::ordered_json(*head.keyed_from) : nlohmann::ordered_json(nullptr) },
                { "public_key", key->public_key_b64 }, { "signature", *signature } });
        }
        sodium_memzero(secret->data(), secret->size());
        nlohmann::ordered_json document = { { "format", k_heads_format }, { "exported_at", now }, { "heads", list } };
        std::string const text = document.dump(2) + "\n";
        if (out_file.empty() || out_file == "-") {
            std::cout << text;
            return k_exit_ok;
        }
        std::ofstream out(out_file, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush())
            return fail(Error::unavailable("Ujung rantai tidak dapat ditulis ke " + out_file + "."));
        std::cerr << "Ujung " << list.size() << " rantai ditulis ke " << out_file << ".\n";
        return k_exit_ok;
    }

    // Reads an exported heads file and checks each head's signature against
    // the key the seal secret derives (not the key the file carries).
    Result<std::vector<store::ChainHead>> read_signed_heads(std::string const& file, std::string const& secret)
    {
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return Error::not_found("Berkas ujung rantai " + file + " tidak dapat dibaca.");
        std::ostringstream text;
        text << in.rdbuf();
        auto const json = nlohmann::json::parse(text.str(), nullptr, false);
        auto malformed = [&] {
            return Error::invalid("heads", "Berkas " + file + " bukan ekspor ujung rantai sopir (" + k_heads_format + ").", "audit.heads");
        };
        if (!json.is_object() || json.value("format", "") != k_heads_format || !json.contains("heads") || !json["heads"].is_array()
            || !json.contains("exported_at") || !json["exported_at"].is_number_integer())
            return malformed();
        Timestamp const exported_at = json["exported_at"].get<Timestamp>();
        std::vector<store::ChainHead> heads;
        try {
            for (auto const& item : json["heads"]) {
                store::ChainHead head { .chain = item.at("chain").get<std::string>(), .office_id = item.at("office_id").get<Id>(),
                    .office_code = item.at("office_code").get<std::string>(), .seq = item.at("seq").get<std::int64_t>(),
                    .hash = item.at("hash").get<std::string>(), .last_id = item.at("last_id").get<Id>(),
                    .last_at = item.at("last_at").get<Timestamp>() };
                if (!item.at("keyed_from").is_null())
                    head.keyed_from = item.at("keyed_from").get<std::int64_t>();
                if (head.chain != "kantor" && head.chain != "keamanan")
                    return malformed();
                auto key = head_key(secret, head);
                if (!key.ok())
                    return key.error();
                sodium_memzero(key->secret_key.data(), key->secret_key.size());
                std::string const name = head.chain == "keamanan" ? std::string("keamanan") : "kantor " + head.office_code;
                if (item.at("public_key").get<std::string>() != key->public_key_b64
                    || !verify_detached(key->public_key_b64, item.at("signature").get<std::string>(), head_message(head, exported_at)))
                    return Error::invalid("heads", "Tanda tangan ujung rantai " + name + " dalam " + file
                        + " tidak sah untuk kunci audit yang diturunkan rahasia segel ini: berkas itu diubah, atau dari server lain.", "audit.heads_signature");
                heads.push_back(head);
            }
        } catch (nlohmann::json::exception const&) {
            return malformed();
        }
        return heads;
    }

    int verify(CliContext& context, std::string const& heads_file)
    {
        auto opened = open_store(context.db_url);
        if (!opened.ok())
            return fail(opened.error());
        store::AuditAnchors anchors;
        if (heads_file.empty()) {
            // Without heads the MACs are still checked when the secret is here.
            auto secret = load_seal_secret_if_present(*opened->store, context.seal_secret_file);
            if (!secret.ok())
                return fail(secret.error());
            if (*secret) {
                auto key = mac_key_of(**secret);
                sodium_memzero((*secret)->data(), (*secret)->size());
                if (!key.ok())
                    return fail(key.error());
                anchors.mac_key = *key;
            }
        } else {
            auto secret = required_secret(*opened->store, context.seal_secret_file);
            if (!secret.ok())
                return fail(secret.error());
            auto heads = read_signed_heads(heads_file, *secret);
            auto key = mac_key_of(*secret);
            sodium_memzero(secret->data(), secret->size());
            if (!heads.ok()) {
                std::cout << "RUSAK: " << heads.error().message << "\n";
                return k_exit_invalid;
            }
            if (!key.ok())
                return fail(key.error());
            anchors = { .mac_key = *key, .heads = *heads };
        }
        auto report = opened->store->verify_audit(anchors);
        if (!report.ok())
            return fail(report.error());
        int const status = print_audit(*report);
        if (status == k_exit_ok && !anchors.heads.empty())
            std::cout << "Ujung yang diekspor (" << anchors.heads.size() << " rantai) cocok: tidak ada yang ditulis ulang sebelumnya.\n";
        return status;
    }

}

void register_audit_commands(CLI::App& app, CliContext& context)
{
    auto* audit = app.add_subcommand("audit", "Jejak audit")->require_subcommand(1);
    auto heads_file = std::make_shared<std::string>();
    auto* verify_command = audit->add_subcommand("verify", "Periksa rantai hash setiap kasus, setiap kantor dan peristiwa keamanan, "
                                                           "MAC tiap baris, dan (dengan --heads) ujung yang diekspor sebelumnya");
    verify_command->add_option("--heads", *heads_file, "Berkas dari `sopir audit export-heads`");
    verify_command->callback([&context, heads_file] { context.exit_code = verify(context, *heads_file); });

    auto out_file = std::make_shared<std::string>();
    auto* export_command = audit->add_subcommand("export-heads", "Tulis ujung setiap rantai, ditandatangani dengan kunci audit kantor, "
                                                                 "untuk disimpan di luar server ini");
    export_command->add_option("--out", *out_file, "Berkas tujuan (bawaan: keluaran standar)");
    export_command->callback([&context, out_file] { context.exit_code = export_heads(context, *out_file); });
}

}
