/**
 * Which shell: busybox's ash (alpine, busybox), dash (Debian and Ubuntu's
 * /bin/sh) or bash. They share the language but word their errors, prompts
 * and `echo` differently.
 */
export type ShellFlavor = 'ash' | 'dash' | 'bash';
