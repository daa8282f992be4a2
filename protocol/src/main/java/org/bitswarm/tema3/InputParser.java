package org.bitswarm.tema3;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Parses one {@code in<R>.txt}: whitespace-separated tokens, each remembered with its line for errors. */
final class InputParser {
    private final String file;
    private final List<String> tokens = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();
    private final int lastLine;
    private int pos;

    private InputParser(String file, String text) {
        this.file = file;
        String[] rows = text.split("\r?\n|\r", -1);
        for (int i = 0; i < rows.length; i++) {
            for (String t : rows[i].trim().split("\\s+")) {
                if (!t.isEmpty()) {
                    tokens.add(t);
                    lines.add(i + 1);
                }
            }
        }
        lastLine = Math.max(1, rows.length);
    }

    static Tema3Input.Client parse(int rank, String text) {
        return new InputParser(Tema3Input.inputName(rank), text).client(rank);
    }

    private Tema3Input.Client client(int rank) {
        Set<String> ownedNames = new HashSet<>();
        List<Tema3Input.OwnedFile> owned = new ArrayList<>();
        List<Integer> ownedLines = new ArrayList<>();
        int owns = count("number of owned files", 0, Tema3Input.MAX_FILES);
        for (int f = 0; f < owns; f++) {
            int line = line();
            String name = name(ownedNames, "owned");
            int segments = count("segment count of " + name, 1, Tema3Input.MAX_SEGMENTS);
            List<String> hashes = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                hashes.add(hash(name, s, segments));
            }
            owned.add(new Tema3Input.OwnedFile(name, hashes));
            ownedLines.add(line);
        }
        Set<String> wantedNames = new HashSet<>();
        List<String> wanted = new ArrayList<>();
        List<Integer> wantedLines = new ArrayList<>();
        int wants = count("number of wanted files", 0, Tema3Input.MAX_FILES);
        for (int f = 0; f < wants; f++) {
            int line = line();
            String name = name(wantedNames, "wanted");
            if (ownedNames.contains(name)) {
                throw error(line, "client " + rank + " wants " + name + ", which it already owns");
            }
            wanted.add(name);
            wantedLines.add(line);
        }
        if (pos < tokens.size()) {
            throw error(line(), "unexpected \"" + tokens.get(pos) + "\" after the last wanted file");
        }
        return new Tema3Input.Client(rank, owned, wanted, ownedLines, wantedLines);
    }

    private String next(String what) {
        if (pos >= tokens.size()) {
            throw error(lastLine, "unexpected end of file, expected " + what);
        }
        return tokens.get(pos++);
    }

    private int line() {
        return pos < tokens.size() ? lines.get(pos) : lastLine;
    }

    private int count(String what, int min, int max) {
        int line = line();
        String t = next(what);
        int v;
        try {
            v = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < min || v > max || !t.matches("\\d+")) {
            throw error(line, "expected the " + what + " (" + min + " to " + max + "), got \"" + t + "\"");
        }
        return v;
    }

    /** A file name: listed once per list, and safe as part of an output file name. */
    private String name(Set<String> seen, String list) {
        int line = line();
        String n = next("a file name");
        if (n.length() > Tema3Input.MAX_NAME) {
            throw error(line, "file name \"" + n + "\" is longer than " + Tema3Input.MAX_NAME + " characters");
        }
        if (!n.matches("[A-Za-z0-9_.-]+") || n.equals(".") || n.equals("..")) {
            throw error(line, "file name \"" + n + "\" may only use letters, digits, '_', '.' and '-'");
        }
        if (!seen.add(n)) {
            throw error(line, list + " file " + n + " is listed twice");
        }
        return n;
    }

    private String hash(String name, int index, int count) {
        int line = line();
        String h = next("hash " + (index + 1) + " of " + count + " of " + name);
        if (h.length() != Tema3Input.HASH_LENGTH || !h.matches("[0-9A-Fa-f]+")) {
            throw error(line, "expected " + Tema3Input.HASH_LENGTH + " hex characters, got \"" + h + "\"");
        }
        return h;
    }

    private Tema3InputException error(int line, String reason) {
        return new Tema3InputException(file, line, reason);
    }
}
