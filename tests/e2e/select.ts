import type { Locator, Page } from '@playwright/test'
import { expect } from '@playwright/test'

/**
 * Picks `option` in the Ant Design select `field` (its combobox, found by its label) the way a
 * user does: open it, type to filter if asked, click the option. On a loaded machine a click can
 * land while the dropdown is still opening, and the select then stays open or keeps its old
 * value; so this repeats the pick until the dropdown is closed and the select shows the option.
 */
export async function choose(page: Page, field: Locator, option: string, search?: string): Promise<void> {
  const open = page.locator('.ant-select-dropdown:visible')
  const select = field.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]')
  await expect(async () => {
    // Typing again into an open dropdown would filter it anew and keep it moving: only on opening.
    if ((await open.count()) === 0) {
      await field.click()
      if (search !== undefined) await field.fill(search)
    }
    await open.getByTitle(option, { exact: true }).click({ timeout: 15_000 })
    await expect(open).toHaveCount(0, { timeout: 3000 })
    await expect(select.getByTitle(option, { exact: true })).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 60_000 })
}
