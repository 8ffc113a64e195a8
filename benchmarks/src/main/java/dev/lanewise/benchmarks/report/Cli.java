package dev.lanewise.benchmarks.report;

import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;

/** Option parsing shared by the report tools: a bad command line is one line on stderr and exit 2. */
final class Cli {
    private Cli() {}

    /** A bad command line; the message is the single line to print. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String tool, String problem, String usage) {
            super(tool + ": " + problem.strip() + " (usage: " + usage + ")");
        }
    }

    /** A parser that takes long options exactly as spelt (no abbreviations), with --name=value too. */
    static OptionParser parser() {
        return new OptionParser(false);
    }

    static OptionSet parse(OptionParser parser, String[] args, String tool, String usage) throws UsageException {
        try {
            OptionSet options = parser.parse(args);
            // jopt converts values when they are read: read them all now, inside the catch.
            options.specs().forEach(options::valuesOf);
            return options;
        } catch (OptionException e) {
            throw new UsageException(tool, e.getMessage(), usage);
        }
    }

    /** Prints the one line and exits with 2, the tools' code for a usage or input error. */
    static void exit(UsageException e) {
        System.err.println(e.getMessage());
        System.exit(2);
    }
}
