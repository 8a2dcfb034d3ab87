#pragma once
// A reader for CSV text as RFC 4180 defines it: fields separated by commas
// (or another separator, as the ";" Excel writes in an Indonesian locale),
// records by CRLF or LF, fields that hold commas, quotes or line breaks
// enclosed in double quotes with inner quotes doubled ("Ra""as" is Ra"as).
// It reads text already in memory: the core does no file I/O.

#include "core/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sopir {

enum class CsvRead {
    Record, // `fields` holds the next record.
    End,    // No records are left.
};

class CsvReader {
public:
    // A leading UTF-8 byte order mark is skipped, as spreadsheet programs
    // write one.
    explicit CsvReader(std::string_view text, char separator = ',');

    // Reads the next record into `fields` (replacing what was there, but
    // keeping the strings' capacity so that reading a large file allocates
    // little). Blank lines are skipped. A syntax error is an Invalid error
    // whose message starts with "baris N:" (the line where the record starts).
    Result<CsvRead> next(std::vector<std::string>& fields);

    // The 1-based line on which the record last read starts.
    std::size_t record_line() const { return m_record_line; }

private:
    Error syntax_error(std::size_t line, std::string_view what) const;

    std::string_view m_text;
    char m_separator { ',' };
    std::size_t m_position { 0 };
    std::size_t m_line { 1 };
    std::size_t m_record_line { 0 };
};

}
