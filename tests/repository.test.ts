/**
 * A clone with nothing beside it is the whole product: no file reaches outside the repository
 * (the design folder that sits beside the checkout on our machines included), every file the
 * scripts name is in it, and it says under what licence it is shared.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers/cli';

const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f && existsSync(path.join(ROOT, f)));
const TEXT = /\.(ts|tsx|js|mjs|cjs|json|md|sh|yaml|yml|bicep|html|xml)$|(^|\/)run$/;

describe('the repository on its own', () => {
  it('has no file that reads from or sends readers to the folder beside the checkout', () => {
    const outside = tracked
      .filter((f) => TEXT.test(f) && f !== 'package-lock.json' && !f.startsWith('seeds/source/'))
      .filter((f) =>
        /\.\.\/shared\/(DESIGN|STYLE|seeds|schemas\/office|hooks)|['"]\.\.['"],\s*['"]shared['"]|ROOT,\s*['"]\.\.['"]/.test(
          readFileSync(path.join(ROOT, f), 'utf8'),
        ),
      );
    expect(outside).toEqual([]);
  });

  it("sends readers only to sections the README has (its own cross-references, and the code's)", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const headings = new Set(
      [...readme.matchAll(/^#{2,4} (?:\d+\. )?(.+)$/gm)].map((m) => m[1]!.trim()),
    );
    const fromReadme = [
      ...readme.matchAll(/(?:[Ss]ee|[Vv]éase|[Vv]ea|sección|section) \*([^*]+)\*/g),
    ].map((m) => m[1]!.replace(/\s+/g, ' '));
    const fromCode = tracked
      .filter((f) => /\.(ts|tsx|js)$/.test(f) && !f.startsWith('tests/'))
      .flatMap((f) => [
        ...readFileSync(path.join(ROOT, f), 'utf8').matchAll(/«([^»]+)»(?: del| en el) README/g),
      ])
      .map((m) => m[1]!);
    expect(fromReadme.length + fromCode.length).toBeGreaterThan(3);
    expect([...fromReadme, ...fromCode].filter((name) => !headings.has(name))).toEqual([]);
  });

  it('holds every file its npm scripts name', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const named = Object.values(scripts)
      .flatMap(
        (s) => s.match(/(?<![\w/.-])(?:[\w-]+\/)+[\w.-]+\.(?:js|ts|mjs|cjs|xsd|xml|json)\b/g) ?? [],
      )
      .filter((f) => !f.startsWith('dist/'));
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((f) => !existsSync(path.join(ROOT, f)))).toEqual([]);
  });

  it('is shared under the licence package.json names, with the third-party notices', () => {
    const { license } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      license: string;
    };
    const text = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toBe('MIT');
    expect(text).toMatch(/^MIT License/);
    expect(text).toContain('addin/schemas/office-addin-manifest');
    expect(existsSync(path.join(ROOT, 'addin/schemas/office-addin-manifest/CHANGES.diff'))).toBe(
      true,
    );
  });
});
