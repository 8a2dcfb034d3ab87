#include "core/csv.hpp"

namespace sopir {

CsvReader::CsvReader(std::string_view text, char separator)
    : m_text(text)
    , m_separator(separator)
{
    static constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
    if (m_text.substr(0, k_utf8_bom.size()) == k_utf8_bom)
        m_position = k_utf8_bom.size();
}

Error CsvReader::syntax_error(std::size_t line, std::string_view what) const
{
    return Error::invalid("csv", "baris " + std::to_string(line) + ": " + std::string(what), "csv.syntax");
}

Result<CsvRead> CsvReader::next(std::vector<std::string>& fields)
{
    // Blank lines carry no record; hand-edited files often end with several.
    while (m_position < m_text.size()) {
        if (m_text[m_position] == '\n') {
            ++m_position;
            ++m_line;
        } else if (m_text[m_position] == '\r') {
            ++m_position;
            if (m_position < m_text.size() && m_text[m_position] == '\n')
                ++m_position;
            ++m_line;
        } else {
            break;
        }
    }
    if (m_position >= m_text.size())
        return CsvRead::End;

    m_record_line = m_line;
    std::size_t count = 0;
    auto next_field = [&]() -> std::string& {
        if (count == fields.size())
            fields.emplace_back();
        std::string& field = fields[count++];
        field.clear();
        return field;
    };

    std::size_t const size = m_text.size();
    for (;;) {
        std::string& field = next_field();
        if (m_position < size && m_text[m_position] == '"') {
            ++m_position;
            for (;;) {
                std::size_t const quote = m_text.find('"', m_position);
                if (quote == std::string_view::npos)
                    return syntax_error(m_record_line, "tanda kutip (\") tidak ditutup.");
                std::string_view const chunk = m_text.substr(m_position, quote - m_position);
                for (char c : chunk)
                    if (c == '\n')
                        ++m_line;
                field.append(chunk);
                m_position = quote + 1;
                if (m_position < size && m_text[m_position] == '"') {
                    field += '"';
                    ++m_position;
                    continue;
                }
                break;
            }
            if (m_position < size && m_text[m_position] != m_separator && m_text[m_position] != '\n' && m_text[m_position] != '\r')
                return syntax_error(m_line, "ada karakter sesudah tanda kutip penutup; kolom berkutip harus diakhiri koma atau akhir baris.");
        } else {
            std::size_t end = m_position;
            while (end < size) {
                char const c = m_text[end];
                if (c == m_separator || c == '\n' || c == '\r')
                    break;
                // RFC 4180 allows quotes only in quoted fields; a stray one
                // usually means the file was cut or edited by hand.
                if (c == '"')
                    return syntax_error(m_line, "tanda kutip (\") di tengah kolom yang tidak berkutip.");
                ++end;
            }
            field.assign(m_text.substr(m_position, end - m_position));
            m_position = end;
        }

        if (m_position >= size)
            break;
        char const c = m_text[m_position];
        if (c == m_separator) {
            ++m_position;
            continue;
        }
        // A record ends at LF, CRLF, or a lone CR (old Mac files).
        ++m_position;
        if (c == '\r' && m_position < size && m_text[m_position] == '\n')
            ++m_position;
        ++m_line;
        break;
    }
    fields.resize(count);
    return CsvRead::Record;
}

}
