/**
 * Formats and what the real docker CLI 28.2.2 printed for them, recorded with
 * `docker context ls --format <format>` (which needs no daemon): one row, the
 * default context, through docker's formatter (header, tabwriter, json).
 * {@link contextListRow} and the constants below are the same formatter
 * context in the simulation's terms, so each row is a byte-exact expectation.
 */
import { goType } from '../../../src/cli/template/GoTemplate';

/** formatter.ClientContextTableFormat, the default of `docker context ls`. */
export const contextListTableFormat = 'table {{.Name}}{{if .Current}} *{{end}}\t{{.Description}}\t{{.DockerEndpoint}}\t{{.Error}}';

/** The header context of `docker context ls` (note: no "Current"). */
export const contextListHeader: Readonly<Record<string, string>> = {
  Name: 'NAME',
  Description: 'DESCRIPTION',
  DockerEndpoint: 'DOCKER ENDPOINT',
  Error: 'ERROR',
};

/** formatter.clientContextContext: every column is a method, as in docker. */
class ClientContextContext {
  Current(): boolean {
    return true;
  }
  Name(): string {
    return 'default';
  }
  Description(): string {
    return 'Current DOCKER_HOST based configuration';
  }
  DockerEndpoint(): string {
    return 'unix:///var/run/docker.sock';
  }
  Error(): string {
    return '';
  }
}

/** The default context's row. */
export function contextListRow(): object {
  return goType(new ClientContextContext(), '*formatter.clientContextContext');
}

/** What docker printed on stdout (whole), or on stderr (without the final newline). */
export type RecordedTable = { output: string } | { error: string };

/** Format -> docker 28.2.2's answer for {@link contextListRow}. */
export const dockerRecordedTables: readonly (readonly [string, RecordedTable])[] = [
  ["table", { output: "NAME        DESCRIPTION                               DOCKER ENDPOINT               ERROR\ndefault *   Current DOCKER_HOST based configuration   unix:///var/run/docker.sock   \n" }],
  ["json", { output: "{\"Current\":true,\"Description\":\"Current DOCKER_HOST based configuration\",\"DockerEndpoint\":\"unix:///var/run/docker.sock\",\"Error\":\"\",\"Name\":\"default\"}\n" }],
  ["{{json .}}", { output: "{\"Current\":true,\"Description\":\"Current DOCKER_HOST based configuration\",\"DockerEndpoint\":\"unix:///var/run/docker.sock\",\"Error\":\"\",\"Name\":\"default\"}\n" }],
  ["{{.Name}}", { output: "default\n" }],
  [" {{.Name}} ", { output: "default\n" }],
  ["table {{.Name}}", { output: "NAME\ndefault\n" }],
  ["table {{.Name}}\\t{{.Current}}", { output: "NAME      <no value>\ndefault   true\n" }],
  ["table {{.Name}}\t{{.Description}}", { output: "NAME      DESCRIPTION\ndefault   Current DOCKER_HOST based configuration\n" }],
  ["tablefoo", { output: "foo\nfoo\n" }],
  ["raw", { output: "raw\n" }],
  ["", { output: "NAME        DESCRIPTION                               DOCKER ENDPOINT               ERROR\ndefault *   Current DOCKER_HOST based configuration   unix:///var/run/docker.sock   \n" }],
  ["table {{.Foo}}", { error: "template parsing error: template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.clientContextContext" }],
  ["{{.Foo}}", { error: "template parsing error: template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.clientContextContext" }],
  ["{{", { error: "template parsing error: template: :1: unclosed action" }],
  ["table {{", { error: "template parsing error: template: :1: unclosed action" }],
  ["table {{json .}}", { output: "\n{\"Current\":true,\"Description\":\"Current DOCKER_HOST based configuration\",\"DockerEndpoint\":\"unix:///var/run/docker.sock\",\"Error\":\"\",\"Name\":\"default\"}\n" }],
  ["table {{.Name}}\\t{{json .Current}}", { output: "NAME      \ndefault   true\n" }],
  ["table {{.Name | upper}}\\t{{lower .Description}}", { output: "NAME      DESCRIPTION\nDEFAULT   current docker_host based configuration\n" }],
  ["table {{pad .Name 2 2}}|\\t{{truncate .Description 5}}", { output: "  NAME  |      DESCRIPTION\n  default  |   Curre\n" }],
  ["table {{.Label \"com.example.foo-bar_baz\"}}\\t{{.Name}}", { error: "template parsing error: template: :1:2: executing \"\" at <.Label>: can't evaluate field Label in type *formatter.clientContextContext" }],
  ["table {{.Label}}", { error: "template parsing error: template: :1:2: executing \"\" at <.Label>: can't evaluate field Label in type *formatter.clientContextContext" }],
  ["table {{title .Name}}\\t{{split .Name \"a\"}}\\t{{join (split .Name \"a\") \"-\"}}", { output: "NAME      NAME        NAME\nDefault   [def ult]   def-ult\n" }],
  ["table a\\tb\\nccccccccccccccc\\td", { output: "a                 b\nccccccccccccccc   d\na                 b\nccccccccccccccc   d\n" }],
  ["table a\\tb\\tc\\nxx\\ty", { output: "a         b         c\nxx        y\na         b         c\nxx        y\n" }],
  ["table x\\ty\\n\\nz\\tw", { output: "x         y\n\nz         w\nx         y\n\nz         w\n" }],
  ["table 한국어\\t이름\\nab\\tcd", { output: "한국어    이름\nab        cd\n한국어    이름\nab        cd\n" }],
  ["table 😀\\tx\\né\\ty", { output: "😀        x\né         y\n😀        x\né         y\n" }],
  ["table \\t\\t\\t", { output: "                              \n                              \n" }],
  ["table a\\t\\tb", { output: "a                   b\na                   b\n" }],
  ["table {{\"a\\tb\"}}", { output: "a         b\na         b\n" }],
  ["table {{.Name}}\\t{{.Description}}\\t{{.DockerEndpoint}}\\t{{.Error}}\\t", { output: "NAME      DESCRIPTION                               DOCKER ENDPOINT               ERROR     \ndefault   Current DOCKER_HOST based configuration   unix:///var/run/docker.sock             \n" }],
  ["table {{.Name}}\\n{{.Description}}", { output: "NAME\nDESCRIPTION\ndefault\nCurrent DOCKER_HOST based configuration\n" }],
  ["\\t{{.Name}}\\n", { output: "\tdefault\n\n" }],
  ["table\\t{{.Name}}", { output: "          NAME\n          default\n" }],
  ["table{{.Name}}", { output: "NAME\ndefault\n" }],
  ["TABLE {{.Name}}", { output: "TABLE default\n" }],
  ["table {{if .Current}}cur{{else}}not{{end}}\\tx", { output: "not       x\ncur       x\n" }],
  ["table {{.Name}}\\t{{index . \"x\"}}", { error: "template parsing error: template: :1:12: executing \"\" at <index . \"x\">: error calling index: can't index item of type formatter.clientContextContext" }],
  ["table {{.Name}} {{.Nope}}", { error: "template parsing error: template: :1:12: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.clientContextContext" }],
  ["table {{printf \"%-20s\" .Name}}\\tz", { output: "NAME                   z\ndefault                z\n" }],
  ["json {{.Name}}", { output: "json default\n" }],
  ["table json", { output: "json\njson\n" }],
  ["{{.Name}}\\t{{.Current}}", { output: "default\ttrue\n" }],
  ["{{.Name}}\\\\t", { output: "default\\\t\n" }],
  ["table {{.Name}}\\\\t{{.Name}}", { output: "NAME\\      NAME\ndefault\\   default\n" }],
  ["table a\\tbbbbbbbbbbbbbbbbb\\tc\\naaaaaaaaaaaaaaaa\\tb\\tc", { output: "a                  bbbbbbbbbbbbbbbbb   c\naaaaaaaaaaaaaaaa   b                   c\na                  bbbbbbbbbbbbbbbbb   c\naaaaaaaaaaaaaaaa   b                   c\n" }],
  ["table {{.Name}}\\t{{.Label \"a.b\"}}\\t{{.Label \"x-y_z\"}}", { error: "template parsing error: template: :1:12: executing \"\" at <.Label>: can't evaluate field Label in type *formatter.clientContextContext" }],
  ["table {{.Name}}\\t{{pad .Description 1 1}}\\t{{.Error}}", { output: "NAME       DESCRIPTION                                ERROR\ndefault    Current DOCKER_HOST based configuration    \n" }],
  ["{{.Name}}\\n{{.Current}}", { output: "default\ntrue\n" }],
];
