import { ADMIN, expect, setUpHall, signIn, test } from './fixtures'

// Issue #14: the desk's addresses come from react-router (hash history). A page opened by its
// address while signing in shows its answer, not a spinner (the first attempt's bug); the menu
// follows the address; 后退/前进 walk the pages; an unknown address says so in words.
const NO_SUCH_CASE = 'WH-20261203-0999'

test('an address opened at sign-in shows its page; the menu, 后退 and 前进 follow the address; an unknown address says so', async ({ page, host, shot }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await setUpHall(page, host)
  await page.getByRole('button', { name: '退出登录' }).click()
  const selected = page.locator('.ant-menu-item-selected')

  // The address is given while the sign-in is still on its way: the case page answers.
  await signIn(page, ADMIN.badgeNo, ADMIN.password)
  await page.goto(`${host.url}#/case/${NO_SUCH_CASE}`)
  await expect(page.getByText(`找不到案件 ${NO_SUCH_CASE}。`)).toBeVisible()
  await expect(selected).toHaveText('案件查询')
  await shot('case-by-address-1366')

  await page.getByRole('menuitem', { name: '今日台账' }).click()
  await expect(page).toHaveURL(/#\/today$/)
  await expect(page.getByTestId('today-table')).toBeVisible()
  await expect(selected).toHaveText('今日台账')
  await page.getByRole('menuitem', { name: '用户管理' }).click()
  await expect(page).toHaveURL(/#\/users$/)
  await expect(selected).toHaveText('用户管理')

  await page.goBack()
  await expect(page.getByTestId('today-table')).toBeVisible()
  await expect(selected).toHaveText('今日台账')
  await page.goBack()
  await expect(page.getByText(`找不到案件 ${NO_SUCH_CASE}。`)).toBeVisible()
  await expect(selected).toHaveText('案件查询')
  await page.goForward()
  await expect(page.getByTestId('today-table')).toBeVisible()

  // An address that is no page: said in words, with the way back to the first page.
  await page.goto(`${host.url}#/no-such-page`)
  await expect(page.getByText('没有这个页面')).toBeVisible()
  await expect(page.getByText('地址 #/no-such-page 不是接访台的页面')).toBeVisible()
  await expect(selected).toHaveCount(0)
  await shot('not-found-1366')
  await page.setViewportSize({ width: 1920, height: 1080 })
  await shot('not-found-1920')
  await page.getByRole('button', { name: '回到“接访登记”' }).click()
  await expect(page).toHaveURL(/#\/intake$/)
  await expect(selected).toHaveText('接访登记')

  // A page of another role, and the bare address: the user's own first page, in place.
  await page.goto(`${host.url}#/audit`)
  await expect(page).toHaveURL(/#\/intake$/)
  await page.goto(`${host.url}#/`)
  await expect(page).toHaveURL(/#\/intake$/)
  await expect(selected).toHaveText('接访登记')
})
