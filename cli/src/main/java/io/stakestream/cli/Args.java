package io.stakestream.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed arguments of one subcommand: {@code --name value}, {@code --name=value}, {@code --flag}
 * and positionals. Options are declared up front so a typo is an error that lists what exists.
 */
public final class Args {

    /** One declared option: name without dashes, whether it takes a value, what it means. */
    public record Option(String name, String valueName, String help) {
        public boolean takesValue() {
            return valueName != null;
        }

        public String usage() {
            return "--" + name + (takesValue() ? " " + valueName : "");
        }
    }

    private final String command;
    private final List<String> positionals;
    private final Map<String, String> values;
    private final Set<String> flags;

    private Args(String command, List<String> positionals, Map<String, String> values, Set<String> flags) {
        this.command = command;
        this.positionals = positionals;
        this.values = values;
        this.flags = flags;
    }

    public static Args parse(String command, List<String> argv, List<Option> declared) {
        Map<String, Option> byName = new LinkedHashMap<>();
        declared.forEach(o -> byName.put(o.name(), o));
        List<String> positionals = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (!a.startsWith("--") || a.equals("--")) {
                positionals.add(a);
                continue;
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Option o = byName.get(name);
            if (o == null) {
                throw new UsageException("unknown option --" + name + " for '" + command + "'; it takes: "
                        + (byName.isEmpty() ? "no options" : String.join(" ", byName.values().stream().map(Option::usage).toList()))
                        + " (see " + command + " --help)");
            }
            if (!o.takesValue()) {
                if (inline != null) {
                    throw new UsageException("--" + name + " is a flag and takes no value");
                }
                flags.add(name);
            } else if (inline != null) {
                values.put(name, inline);
            } else if (i + 1 < argv.size() && !argv.get(i + 1).startsWith("--")) {
                values.put(name, argv.get(++i));
            } else {
                throw new UsageException("--" + name + " needs a value: " + o.usage() + " (" + o.help() + ")");
            }
        }
        return new Args(command, positionals, values, flags);
    }

    public List<String> positionals() {
        return positionals;
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** @param what what the value is and where to get it, for the error message */
    public String required(String name, String what) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new UsageException("'" + command + "' needs --" + name + ": " + what);
        }
        return v;
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public long longValue(String name, long fallback) {
        String v = values.get(name);
        return v == null ? fallback : parseLong(name, v);
    }

    public long requiredLong(String name, String what) {
        return parseLong(name, required(name, what));
    }

    public int intValue(String name, int fallback) {
        long v = longValue(name, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new UsageException("--" + name + " is out of range: " + v);
        }
        return (int) v;
    }

    private static long parseLong(String name, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    /** Fails when more positionals were given than the command takes. */
    public void noMorePositionals(int allowed) {
        if (positionals.size() > allowed) {
            throw new UsageException("'" + command + "' does not take '" + positionals.get(allowed)
                    + "'; options start with -- (see " + command + " --help)");
        }
    }

    public static String optionsHelp(List<Option> options) {
        StringBuilder sb = new StringBuilder();
        int width = options.stream().mapToInt(o -> o.usage().length()).max().orElse(0);
        for (Option o : options) {
            sb.append("  ").append(String.format("%-" + width + "s", o.usage())).append("  ").append(o.help()).append('\n');
        }
        return sb.toString();
    }
}
