import DecisionLog

/// The completion scripts, written from the commands' specs.
struct CompletionScript {
    let commands: [CommandSpec]

    /// Every option of `spec` and its subcommands, as `--name` (and `-x`).
    private func options(_ spec: CommandSpec) -> [String] {
        var specs = [spec]
        if spec.name == "schema" { specs += SchemaCommand.subcommands }
        if spec.name == "config" { specs += ConfigCommand.subcommands }
        var seen: [String] = []
        for option in specs.flatMap(\.options) + [CommandSpec.helpOption] {
            for text in ["--\(option.name)"] + (option.short.map { ["-\($0)"] } ?? []) where !seen.contains(text) { seen.append(text) }
        }
        return seen
    }

    /// The words after the command itself: subcommands, views, shells, help topics.
    private func words(_ spec: CommandSpec) -> [String] {
        switch spec.name {
        case "show", "blame", "export": Views.names
        case "schema", "config": spec.subcommands.map(\.name)
        case "completions": CompletionsCommand.shells
        case "help": commands.map(\.name) + HelpCommand.topics
        default: []
        }
    }

    /// Options whose values are files.
    private static let fileOptions = ["--log", "--output", "-o"]
    private static let formats = "table json jsonl csv markdown html text"

    func text(for shell: String) -> String {
        switch shell {
        case "zsh": zsh
        case "fish": fish
        default: bash
        }
    }

    private var bash: String {
        var cases = ""
        for spec in commands {
            cases += "    \(spec.name)) opts=\"\(options(spec).joined(separator: " "))\"; words=\"\(words(spec).joined(separator: " "))\" ;;\n"
        }
        return """
        # bash completion for decisionlog: source <(decisionlog completions bash)
        _decisionlog() {
          local cur prev cmd opts="" words="" i
          cur="${COMP_WORDS[COMP_CWORD]}"
          prev="${COMP_WORDS[COMP_CWORD-1]}"
          cmd=""
          for ((i = 1; i < COMP_CWORD; i++)); do
            case "${COMP_WORDS[i]}" in
              --log|-o|--output) ((i++)) ;;
              -*) ;;
              *) cmd="${COMP_WORDS[i]}"; break ;;
            esac
          done
          case "$prev" in
            --subject|--by|--metric|--decisions) COMPREPLY=($(compgen -W "$(decisionlog completions --list subjects 2>/dev/null)" -- "$cur")); return ;;
            --type) COMPREPLY=($(compgen -W "$(decisionlog completions --list types 2>/dev/null)" -- "$cur")); return ;;
            --format) COMPREPLY=($(compgen -W "\(CompletionScript.formats)" -- "$cur")); return ;;
            --view) COMPREPLY=($(compgen -W "\(Views.names.joined(separator: " "))" -- "$cur")); return ;;
            \(CompletionScript.fileOptions.joined(separator: "|"))) COMPREPLY=($(compgen -f -- "$cur")); return ;;
          esac
          if [[ -z "$cmd" ]]; then
            COMPREPLY=($(compgen -W "\(commands.map(\.name).joined(separator: " ")) --help --version --log --no-pager" -- "$cur"))
            return
          fi
          case "$cmd" in
        \(cases)  esac
          if [[ "$cmd" == add ]]; then
            local type=""
            for ((i = i + 1; i < COMP_CWORD; i++)); do
              case "${COMP_WORDS[i]}" in --*) ((i++)) ;; *) type="${COMP_WORDS[i]}"; break ;; esac
            done
            if [[ -z "$type" && "$cur" != -* ]]; then
              COMPREPLY=($(compgen -W "$(decisionlog completions --list types 2>/dev/null)" -- "$cur")); return
            fi
            opts="$opts $(decisionlog completions --list fields "$type" 2>/dev/null)"
          fi
          if [[ "$cur" == -* || -z "$words" ]]; then
            COMPREPLY=($(compgen -W "$opts" -- "$cur"))
          else
            COMPREPLY=($(compgen -W "$words" -- "$cur"))
          fi
        }
        complete -o default -F _decisionlog decisionlog

        """
    }

    private var zsh: String {
        var cases = ""
        for spec in commands {
            cases += "    \(spec.name)) opts=(\(options(spec).joined(separator: " "))); words_=(\(words(spec).joined(separator: " "))) ;;\n"
        }
        return """
        #compdef decisionlog
        # zsh completion for decisionlog: decisionlog completions zsh > "${fpath[1]}/_decisionlog"
        _decisionlog() {
          local cur=${words[CURRENT]} prev=${words[CURRENT-1]} cmd="" i
          local -a opts words_
          for ((i = 2; i < CURRENT; i++)); do
            case ${words[i]} in
              --log|-o|--output) ((i++)) ;;
              -*) ;;
              *) cmd=${words[i]}; break ;;
            esac
          done
          case $prev in
            --subject|--by|--metric|--decisions) compadd -- ${(f)"$(decisionlog completions --list subjects 2>/dev/null)"}; return ;;
            --type) compadd -- ${(f)"$(decisionlog completions --list types 2>/dev/null)"}; return ;;
            --format) compadd -- \(CompletionScript.formats); return ;;
            --view) compadd -- \(Views.names.joined(separator: " ")); return ;;
            \(CompletionScript.fileOptions.joined(separator: "|"))) _files; return ;;
          esac
          if [[ -z $cmd ]]; then
            compadd -- \(commands.map(\.name).joined(separator: " ")) --help --version --log --no-pager
            return
          fi
          case $cmd in
        \(cases)  esac
          if [[ $cmd == add ]]; then
            local type=""
            for ((i = i + 1; i < CURRENT; i++)); do
              case ${words[i]} in --*) ((i++)) ;; *) type=${words[i]}; break ;; esac
            done
            if [[ -z $type && $cur != -* ]]; then
              compadd -- ${(f)"$(decisionlog completions --list types 2>/dev/null)"}; return
            fi
            opts+=(${(f)"$(decisionlog completions --list fields $type 2>/dev/null)"})
          fi
          if [[ $cur == -* || ${#words_} -eq 0 ]]; then compadd -- $opts; else compadd -- $words_; fi
        }
        compdef _decisionlog decisionlog

        """
    }

    private var fish: String {
        var lines = [
            "# fish completion for decisionlog: decisionlog completions fish > ~/.config/fish/completions/decisionlog.fish",
            "complete -c decisionlog -f",
            "complete -c decisionlog -n __fish_use_subcommand -a '\(commands.map(\.name).joined(separator: " "))'",
            "complete -c decisionlog -n __fish_use_subcommand -l version -d 'Show the version'",
            "complete -c decisionlog -n __fish_use_subcommand -l no-pager -d 'Do not page long output'",
            "complete -c decisionlog -l subject -l by -l metric -l decisions -x -a '(decisionlog completions --list subjects 2>/dev/null)'",
            "complete -c decisionlog -l type -x -a '(decisionlog completions --list types 2>/dev/null)'",
            "complete -c decisionlog -l format -x -a '\(CompletionScript.formats)'",
            "complete -c decisionlog -l view -x -a '\(Views.names.joined(separator: " "))'",
            "complete -c decisionlog -l log -l output -s o -r -F",
            "complete -c decisionlog -n '__fish_seen_subcommand_from add; and test (count (commandline -opc)) -eq 2' -a '(decisionlog completions --list types 2>/dev/null)'",
            "complete -c decisionlog -n '__fish_seen_subcommand_from add' -a '(decisionlog completions --list fields (commandline -opc)[3] 2>/dev/null)'",
        ]
        for spec in commands {
            for option in options(spec) where option.hasPrefix("--") {
                lines.append("complete -c decisionlog -n '__fish_seen_subcommand_from \(spec.name)' -l \(option.dropFirst(2))")
            }
            let words = words(spec)
            if !words.isEmpty { lines.append("complete -c decisionlog -n '__fish_seen_subcommand_from \(spec.name)' -a '\(words.joined(separator: " "))'") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
