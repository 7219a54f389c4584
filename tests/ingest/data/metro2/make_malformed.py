#!/usr/bin/env python3
"""Writes the malformed Metro 2 corpus in malformed/ (each file breaks one thing on purpose).

Run from this folder: python3 make_malformed.py. The expected issues of each file are in
malformed/<name>.expected (regenerate with CREDO_UPDATE_GOLDEN=1 ./metro2_test and review).
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def field(record, pos, text):
    """Puts text at 1-based position pos of a bytearray record."""
    data = text.encode("latin-1") if isinstance(text, str) else text
    record[pos - 1:pos - 1 + len(data)] = data


def header():
    r = bytearray(b" " * 426)
    field(r, 1, "0426HEADER")
    field(r, 23, "EQ12345")
    field(r, 48, "12312023")  # activity date
    field(r, 56, "12312023")  # date created
    field(r, 64, "00000000")
    field(r, 72, "00000000")
    field(r, 80, "CREDO TEST BANK")
    field(r, 120, "1 MAIN ST, SPRINGFIELD IL 62701")
    field(r, 216, "2175550100")
    return r


def base(serial):
    r = bytearray(b" " * 426)
    field(r, 1, "04261")
    field(r, 6, "12312023120000")
    field(r, 20, "0")
    field(r, 21, "CREDOBANK01")
    field(r, 43, "ACCT%d" % serial)
    field(r, 73, "R18")
    field(r, 76, "03152019")
    field(r, 84, "000005000000003200")
    field(r, 102, "REVM")
    field(r, 106, "000000035000000100")
    field(r, 124, "11")
    field(r, 127, "0" * 24)
    field(r, 155, "000001200000000000000000000")
    field(r, 182, "12312023000000000000000012152023")
    field(r, 232, "DOE")
    field(r, 257, "JANE")
    field(r, 298, "123456789")
    field(r, 307, "07041980")
    field(r, 315, "2175550123")
    field(r, 325, "1")
    field(r, 330, "12 ELM ST")
    field(r, 394, "SPRINGFIELD")
    field(r, 414, "IL62701")
    field(r, 426, "O")
    return r


def trailer(records, j1=0, blocks=None, status11=None, status80=0):
    r = bytearray(b"0" * 426)
    field(r, 1, "0426TRAILER")
    field(r, 12, "%09d" % records)
    field(r, 21, " " * 9)
    field(r, 39, "%09d" % j1)
    field(r, 57, "%09d" % (records + 2 if blocks is None else blocks))
    field(r, 84, "%09d" % (records if status11 is None else status11))  # status 11
    field(r, 165, "%09d" % status80)  # status 80
    field(r, 327, "%09d" % records)  # SSNs all
    field(r, 336, "%09d" % records)  # SSNs base
    field(r, 363, "%09d" % records)  # DOB all
    field(r, 372, "%09d" % records)  # DOB base
    field(r, 399, "%09d" % records)  # telephones
    field(r, 408, " " * 19)
    return r


def lines(*records):
    return b"".join(bytes(r) + b"\n" for r in records)


def write(name, data):
    with open(os.path.join(HERE, "malformed", name), "wb") as out:
        out.write(data)


def main():
    good = lines(header(), base(1), base(2), trailer(2))
    write("valid.dat", good)

    write("truncated_record.dat", good[: 427 + 427 + 300])

    bad_rdw = base(2)
    field(bad_rdw, 1, "04X6")
    write("wrong_rdw.dat", lines(header(), base(1), bad_rdw, trailer(2)))

    # The second data record's BDW says 400 bytes, less than its RDW 426 + 4.
    blocked = (b"0430" + bytes(header()) + b"0430" + bytes(base(1)) + b"0400" + bytes(base(2)) +
               bytes(trailer(2)))
    write("wrong_bdw.dat", blocked)

    dates = base(1)
    field(dates, 76, "02302020")  # 30 February
    field(dates, 307, "13011980")  # month 13
    write("bad_dates.dat", lines(header(), dates, base(2), trailer(2)))

    ssn = base(1)
    field(ssn, 298, "666123456")  # area 666 is never issued
    ssn2 = base(2)
    field(ssn2, 298, "123004567")  # group 00 is never issued
    write("invalid_ssn.dat", lines(header(), ssn, ssn2, trailer(2)))

    ascii_ = base(1)
    field(ascii_, 232, "D\xc3\x89J\xc3\x80")  # UTF-8 accented letters
    field(ascii_, 394, "SPRING\tFIELD")  # a control byte
    field(ascii_, 43, "ACCT`1")  # the backquote is not allowed
    write("non_ascii.dat", lines(header(), ascii_, base(2), trailer(2)))

    write("trailer_totals.dat", lines(header(), base(1), base(2), trailer(5, j1=1)))

    amount = base(1)
    field(amount, 155, "0000012A4")
    write("not_numeric.dat", lines(header(), amount, base(2), trailer(2)))

    write("missing_trailer.dat", lines(header(), base(1), base(2)))
    write("no_header.dat", lines(base(1), base(2), trailer(2)))
    write("data_after_trailer.dat", good + b"0426JUNK\n")

    rules = base(1)
    field(rules, 124, "80")  # 90-119 days late, but last month current and no DOFD
    field(rules, 164, "000000300")
    field(rules, 76, "01152024")  # opened after the date of account information
    write("cross_field.dat", lines(header(), rules, base(2), trailer(2, status11=1, status80=1)))


if __name__ == "__main__":
    main()
