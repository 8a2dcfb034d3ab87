// sopir letter revoke: withdraws an issued letter. The letter stays in the
// archive as it was; its verification page and API say it was revoked,
// when and why. Revocation is an administrative decision of the office
// (e.g. a letter issued on a mistaken identity), taken at the console by
// whoever runs the server, and kept in the letter's record.
#include "app/cli.hpp"
#include "app/cli_support.hpp"
#include "app/store_access.hpp"
#include "desk/letter_desk.hpp"

#include <ctime>
#include <iostream>
#include <memory>

namespace sopir::app {

namespace {

struct RevokeOptions {
    Id case_id { 0 };
    std::string reason;
};

int revoke(CliContext& context, RevokeOptions const& options)
{
    if (options.reason.empty())
        return fail(Error::invalid("reason", "--reason wajib diisi: alasan pencabutan dicatat dan ditampilkan pada verifikasi.", "letter.reason"));
    auto opened = open_store(context.db_url, MigrateOnOpen::Yes, 4, context.seal_secret_file);
    if (!opened.ok())
        return fail(opened.error());
    auto revoked = opened->store->revoke_letter(options.case_id, desk::k_surat_keterangan, options.reason,
        static_cast<Timestamp>(std::time(nullptr)));
    if (!revoked.ok())
        return fail(revoked.error());
    std::cout << "Surat " << revoked->number << " (permohonan " << options.case_id << ") dicabut: " << options.reason << "\n";
    return k_exit_ok;
}

}

void register_letter_commands(CLI::App& app, CliContext& context)
{
    auto* letter = app.add_subcommand("letter", "Surat yang diterbitkan")->require_subcommand(1);
    auto options = std::make_shared<RevokeOptions>();
    auto* revoke_command = letter->add_subcommand("revoke", "Cabut surat yang sudah terbit (verifikasi akan menyatakannya dicabut)");
    revoke_command->add_option("--case", options->case_id, "Nomor permohonan (id kasus)")->required();
    revoke_command->add_option("--reason", options->reason, "Alasan pencabutan")->required();
    revoke_command->callback([&context, options] { context.exit_code = revoke(context, *options); });
}

}
