/**
 * Which echo: busybox's and bash's take `-n`, `-e`, `-E` (combinable, like
 * `-ne`) and print backslashes as they are unless `-e`; dash's echo knows
 * only `-n` and always interprets backslash escapes; GNU coreutils'
 * /bin/echo behaves like bash's.
 */
export type EchoStyle = 'busybox' | 'bash' | 'dash' | 'gnu';

/** What `echo args...` writes. */
export function echoOutput(args: readonly string[], style: EchoStyle): string {
  let newline = true;
  let escapes = style === 'dash';
  let index = 0;
  for (; index < args.length; index++) {
    const arg = args[index];
    if (style === 'dash') {
      if (arg !== '-n') break;
      newline = false;
      continue;
    }
    if (!/^-[neE]+$/.test(arg)) break;
    for (const flag of arg.slice(1)) {
      if (flag === 'n') newline = false;
      else if (flag === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.slice(index).join(' ');
  if (escapes) {
    const { text: expanded, stop } = expandEscapes(text, 'echo');
    text = expanded;
    if (stop) return text;
  }
  return newline ? `${text}\n` : text;
}

/**
 * Expands backslash escapes as echo -e and printf's %b do: \a \b \c \e \f
 * \n \r \t \v \\ and octal \0nnn (echo) or \nnn (printf formats).
 * `stop` is true when \c asked to print nothing more.
 */
export function expandEscapes(text: string, flavor: 'echo' | 'printf'): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i === text.length - 1) {
      out += c;
      continue;
    }
    const next = text[++i];
    switch (next) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'c': return { text: out, stop: true };
      case 'e': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      default: {
        const octal = flavor === 'echo' ? /^0([0-7]{0,3})/.exec(text.slice(i)) : /^([0-7]{1,3})/.exec(text.slice(i));
        if (octal) {
          out += String.fromCharCode(parseInt(octal[1] || '0', 8) & 0xff);
          i += octal[0].length - 1;
        } else {
          out += `\\${next}`;
        }
      }
    }
  }
  return { text: out, stop: false };
}
