package dev.lanewise.benchmarks.report;

import java.util.Map;

/**
 * The arithmetic of a {@link dev.lanewise.benchmarks.Work} declaration: numbers, {@code + - * /},
 * parentheses, names and {@code name[i]}, evaluated against variables whose values are numbers or
 * numbers joined by {@code x} (a name is their product, {@code name[i]} the i-th).
 */
final class Expression {
    private final String text;
    private final Map<String, String> variables;
    private int position;

    private Expression(String text, Map<String, String> variables) {
        this.text = text;
        this.variables = variables;
    }

    static double evaluate(String text, Map<String, String> variables) {
        Expression e = new Expression(text, variables);
        double value = e.sum();
        e.skipSpaces();
        if (e.position != text.length()) {
            throw e.error("unexpected '" + text.charAt(e.position) + "'");
        }
        return value;
    }

    private double sum() {
        double value = product();
        while (true) {
            skipSpaces();
            if (accept('+')) {
                value += product();
            } else if (accept('-')) {
                value -= product();
            } else {
                return value;
            }
        }
    }

    private double product() {
        double value = factor();
        while (true) {
            skipSpaces();
            if (accept('*')) {
                value *= factor();
            } else if (accept('/')) {
                value /= factor();
            } else {
                return value;
            }
        }
    }

    private double factor() {
        skipSpaces();
        if (accept('(')) {
            double value = sum();
            skipSpaces();
            if (!accept(')')) {
                throw error("missing ')'");
            }
            return value;
        }
        int start = position;
        if (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
            while (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
                position++;
            }
            return Double.parseDouble(text.substring(start, position));
        }
        while (position < text.length() && Character.isJavaIdentifierPart(text.charAt(position))) {
            position++;
        }
        if (start == position) {
            throw error(position < text.length() ? "unexpected '" + text.charAt(position) + "'" : "unexpected end");
        }
        String name = text.substring(start, position);
        String value = variables.get(name);
        if (value == null) {
            throw error("no parameter " + name + " (the parameters are " + variables.keySet() + ")");
        }
        String[] parts = value.split("x");
        if (accept('[')) {
            int close = text.indexOf(']', position);
            if (close < 0) {
                throw error("missing ']'");
            }
            int index = Integer.parseInt(text.substring(position, close).trim());
            position = close + 1;
            return Double.parseDouble(parts[index]);
        }
        double product = 1;
        for (String part : parts) {
            product *= Double.parseDouble(part);
        }
        return product;
    }

    private boolean accept(char c) {
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("in \"" + text + "\" at " + position + ": " + what);
    }
}
