// Smoke tests of the JupyterLab host: a Deno notebook runs code, and Kernel > Interrupt stops a
// busy cell without losing the kernel's state.
import { expect, test } from '@jupyterlab/galata';

test.describe('JupyterLab host with the Deno kernel', () => {
  test.beforeEach(async ({ page }) => {
    // Galata's proxy of the kernel API parses the interrupt's empty 204 reply as JSON and fails
    // ("Unexpected end of JSON input"): send interrupts straight to the server.
    await page.route(/\/api\/kernels\/[^/]+\/interrupt/, route => route.continue());
    await page.notebook.createNew('host.ipynb', { kernel: 'deno' });
  });

  test('runs TypeScript in a Deno notebook', async ({ page }) => {
    await page.notebook.setCell(0, 'code', 'const v = 40 + 2; v');
    await page.notebook.runCell(0, { inplace: true });

    await expect(page.locator('.jp-Cell').first().locator('.jp-OutputArea-output')).toHaveText(
      '42'
    );
    await page.screenshot({ path: test.info().outputPath('deno-notebook.png') });
  });

  test('Kernel > Interrupt stops a busy cell and keeps the kernel state', async ({ page }) => {
    await page.notebook.setCell(0, 'code', 'const v = 40 + 2; v');
    await page.notebook.runCell(0, { inplace: true });
    await expect(page.locator('.jp-Cell').nth(0).locator('.jp-OutputArea-output')).toHaveText('42');

    await page.notebook.addCell('code', 'while (true) {}');
    await page.notebook.runCell(1, { inplace: true, wait: false });
    const busyPrompt = page.locator('.jp-Cell').nth(1).locator('.jp-InputPrompt');
    await expect(busyPrompt).toHaveText('[*]:');

    const started = Date.now();
    await page.menu.clickMenuItem('Kernel>Interrupt Kernel');
    await expect(busyPrompt).not.toHaveText('[*]:', { timeout: 2_000 });
    expect(Date.now() - started).toBeLessThan(2_000);

    await page.notebook.addCell('code', 'console.log(`v is ${v}`)');
    await page.notebook.runCell(2, { inplace: true });
    await expect(page.locator('.jp-Cell').nth(2).locator('.jp-OutputArea-output')).toHaveText(
      'v is 42'
    );
    await page.screenshot({ path: test.info().outputPath('interrupt.png') });
  });
});
