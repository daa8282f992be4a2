package org.bitswarm.tema3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser accepts free whitespace and rejects bad content with "file:line: reason". */
class Tema3InputTest {
    @TempDir
    Path dir;

    static String h(int i) {
        return String.format(Locale.ROOT, "%032x", i);
    }

    private void write(int rank, String text) throws IOException {
        Files.writeString(dir.resolve("in" + rank + ".txt"), text, StandardCharsets.UTF_8);
    }

    /** Client 1 owns a two-segment file1 and wants nothing, client 2 the opposite: a valid np 3 case. */
    private void valid() throws IOException {
        write(1, "1\nfile1 2\n" + h(1) + "\n" + h(2) + "\n0");
        write(2, "0\n1\nfile1");
    }

    private String error(int np) {
        return assertThrows(Tema3InputException.class, () -> Tema3Input.load(dir, np)).getMessage();
    }

    @Test
    void readsAValidCaseWithoutFinalNewline() throws IOException {
        valid();
        Tema3Input in = Tema3Input.load(dir, 3);
        assertEquals(List.of(h(1), h(2)), in.client(1).owned().get(0).hashes());
        assertEquals(List.of("file1"), in.client(2).wanted());
        assertEquals(List.of(h(1), h(2)), in.expectedOutputs().get("client2_file1"));
    }

    @Test
    void toleratesExtraWhitespaceAndIgnoresInputsBeyondNp() throws IOException {
        write(1, "  1 \r\n\nfile1   2\n\t" + h(1) + " " + h(2) + "\n0\n\n");
        write(2, "0 1 file1\n");
        write(3, "garbage");
        assertEquals(3, Tema3Input.load(dir, 3).np());
    }

    @Test
    void npBelowThree() {
        assertEquals("np must be at least 3 (the tracker and two clients), got 2", error(2));
    }

    @Test
    void missingFile() throws IOException {
        write(1, "0\n0");
        assertEquals("in2.txt: missing (np 3 needs in1.txt to in2.txt in " + dir + ")", error(3));
    }

    @Test
    void badHashLength() throws IOException {
        write(1, "1\nfile1 2\n" + h(1) + "\nabc\n0");
        write(2, "0\n0");
        assertEquals("in1.txt:4: expected 32 hex characters, got \"abc\"", error(3));
    }

    @Test
    void nonHexHash() throws IOException {
        write(1, "1\nfile1 1\n" + "z".repeat(32) + "\n0");
        write(2, "0\n0");
        assertEquals("in1.txt:3: expected 32 hex characters, got \"" + "z".repeat(32) + "\"", error(3));
    }

    @Test
    void tooManySegments() throws IOException {
        write(1, "1\nfile1 101\n" + h(1) + "\n0");
        write(2, "0\n0");
        assertEquals("in1.txt:2: expected the segment count of file1 (1 to 100), got \"101\"", error(3));
    }

    @Test
    void tooManyFiles() throws IOException {
        write(1, "11");
        write(2, "0\n0");
        assertEquals("in1.txt:1: expected the number of owned files (0 to 10), got \"11\"", error(3));
    }

    @Test
    void nameTooLong() throws IOException {
        write(1, "1\nfile_name_of_16c 1\n" + h(1) + "\n0");
        write(2, "0\n0");
        assertEquals("in1.txt:2: file name \"file_name_of_16c\" is longer than 15 characters", error(3));
    }

    @Test
    void fewerHashesThanTheCountSays() throws IOException {
        write(1, "1\nfile1 3\n" + h(1) + "\n" + h(2) + "\n0");
        write(2, "0\n0");
        assertEquals("in1.txt:5: expected 32 hex characters, got \"0\"", error(3));
    }

    @Test
    void fewerWantedNamesThanTheCountSays() throws IOException {
        valid();
        write(2, "0\n2\nfile1");
        assertEquals("in2.txt:3: unexpected end of file, expected a file name", error(3));
    }

    @Test
    void extraContent() throws IOException {
        valid();
        write(2, "0\n1\nfile1\nfile2");
        assertEquals("in2.txt:4: unexpected \"file2\" after the last wanted file", error(3));
    }

    @Test
    void wantedFileWithNoOwner() throws IOException {
        valid();
        write(2, "0\n2\nfile1\nfile9");
        assertEquals("in2.txt:4: client 2 wants file9, which no client owns", error(3));
    }

    @Test
    void wantingAnOwnedFile() throws IOException {
        write(1, "1\nfile1 1\n" + h(1) + "\n1\nfile1");
        write(2, "0\n0");
        assertEquals("in1.txt:5: client 1 wants file1, which it already owns", error(3));
    }

    @Test
    void duplicateOwnedFile() throws IOException {
        write(1, "2\nfile1 1\n" + h(1) + "\nfile1 1\n" + h(1) + "\n0");
        write(2, "0\n0");
        assertEquals("in1.txt:4: owned file file1 is listed twice", error(3));
    }

    @Test
    void ownersDisagree() throws IOException {
        valid();
        write(2, "1\nfile1 2\n" + h(1) + "\n" + h(3) + "\n0");
        assertEquals("in2.txt:2: file1 differs from the copy client 1 owns (in1.txt)", error(3));
    }

    @Test
    void unsafeName() throws IOException {
        write(1, "1\n../x 1\n" + h(1) + "\n0");
        write(2, "0\n0");
        assertEquals("in1.txt:2: file name \"../x\" may only use letters, digits, '_', '.' and '-'", error(3));
    }
}
