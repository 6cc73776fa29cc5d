import { ADMIN, expect, setUpHall, signIn, test } from './fixtures'
import { LV, categoryAndRouting, fiveAnswers, registerSample, threeShows, visitor } from './intake-steps'
import { LI, addUser } from './users-steps'

test('a receptionist registers a walk-in visitor with 三亮五必问 and finds the case in 今日台账', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  await shot('signed-in-admin')

  // The administrator adds a receptionist, who signs in and must change the initial password.
  await page.getByRole('menuitem', { name: '用户管理' }).click()
  await addUser(page, LI)
  await expect(page.getByRole('cell', { name: '李晓梅' })).toBeVisible()
  await shot('users')
  await page.getByRole('button', { name: '退出登录' }).click()

  await expect(page.getByRole('button', { name: '登录' })).toBeVisible()
  await shot('sign-in')
  await signIn(page, 'R001', 'Start2026x')
  await expect(page.getByText('修改密码')).toBeVisible()
  await page.getByLabel('当前密码').fill('Start2026x')
  await page.getByLabel('新密码', { exact: true }).fill('Desk2026li')
  await page.getByLabel('确认新密码').fill('Desk2026li')
  await page.getByRole('button', { name: '保存新密码' }).click()

  // 三亮: the card shows the receptionist's own badge number, name and position.
  const card = page.getByTestId('shows-card')
  await expect(card).toContainText('R001')
  await expect(card).toContainText('李晓梅')
  await expect(card).toContainText('接待员')
  // The visitor's details cannot be reached before the three confirmations.
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByRole('alert').filter({ hasText: '请先完成三亮' })).toBeVisible()
  await shot('shows')
  await threeShows(page)

  await visitor(page)
  await expect(page.getByTestId('id-derived')).toHaveText('出生日期 1965-03-12 · 性别 男')
  await expect(page.getByTestId('history-none')).toBeVisible()
  await shot('visitor')
  await page.getByRole('button', { name: '下一步' }).click()

  await expect(page.getByTestId('answers-progress')).toContainText('已完成 0 / 5')
  await fiveAnswers(page)
  await expect(page.getByTestId('answers-progress')).toContainText('已完成 5 / 5')
  await shot('answers')
  await page.getByRole('button', { name: '下一步' }).click()

  await categoryAndRouting(page)
  await shot('routing')
  await page.getByRole('button', { name: '登记', exact: true }).click()

  await expect(page.getByTestId('registered-title')).toHaveText('登记成功')
  const caseNumber = await page.getByTestId('case-number').innerText()
  expect(caseNumber).toMatch(/^WH-\d{8}-0001$/)
  await shot('registered')

  await page.getByRole('menuitem', { name: '今日台账' }).click()
  const row = page.getByRole('row', { name: new RegExp(caseNumber) })
  await expect(row).toContainText('吕建国')
  await expect(row).toContainText('420106********0311')
  await expect(row).toContainText('城乡建设·市政设施')
  // The routing cell says 受理 exactly (不予受理 also contains 受理).
  await expect(row.getByRole('cell', { name: '受理', exact: true })).toBeVisible()
  await expect(row).toContainText('李晓梅')
  await expect(page.getByText(LV.id)).toHaveCount(0)
  // A single desk has one window: the 台账 does not name it.
  await expect(page.getByTestId('today-desk')).toHaveCount(0)
  await shot('today')
})

test('a second visit with the same ID number shows the earlier visit and offers its text', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  // Ctrl+S registers a complete form.
  const first = await registerSample(page, 'ctrl-s')

  await page.getByRole('button', { name: '接待下一位' }).click()
  await threeShows(page)
  // A lowercase x and full-width digits are accepted for the same person.
  await page.getByLabel('身份证号').fill('４２０１０６１９６５０３１２０３１１')
  const history = page.getByTestId('history-panel')
  await expect(history).toContainText('此人此前来访 1 次')
  await expect(history).toContainText(first)
  await expect(history).toContainText('城乡建设·市政设施')
  await shot('history')
  await history.getByRole('button', { name: '用作信访经历与此前办理情况的起始文字' }).click()
  await page.getByLabel('姓名').fill(LV.name)
  // The phone and address given last time, masked in the panel, one click to use, still editable.
  const contact = history.getByTestId('history-contact')
  await expect(contact).toContainText(`上次登记的联系电话：${LV.phone.slice(0, 3)}****${LV.phone.slice(-4)}；住址：${LV.address}。`)
  await contact.getByRole('button', { name: '使用上次的联系电话和住址' }).click()
  await expect(page.getByLabel('联系电话')).toHaveValue(LV.phone)
  await expect(page.getByLabel('住址')).toHaveValue(LV.address)
  await page.getByLabel('住址').fill(`${LV.address}（已搬家，新址待补）`)
  await expect(page.getByLabel('住址')).toHaveValue(`${LV.address}（已搬家，新址待补）`)
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByLabel('信访经历')).toHaveValue(new RegExp(first))
  await expect(page.getByLabel('此前办理情况')).toHaveValue(/曾向物业反映，未解决。/)
  await shot('history-used')
})

test('an invalid ID number gets a Chinese message and nothing is saved', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  await threeShows(page)
  await visitor(page, { ...LV, id: '420106196503120310' })
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(page.getByRole('alert').filter({ hasText: '校验位不符' })).toBeVisible()
  await shot('invalid-id')
  // Still on the visitor step: nothing was registered.
  await expect(page.getByLabel('身份证号')).toBeVisible()
  await page.getByRole('menuitem', { name: '今日台账' }).click()
  await expect(page.getByText('今天还没有登记。')).toBeVisible()
})

test('a group visit with six representatives is refused with the five-representative rule', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  await threeShows(page)
  await visitor(page, { name: '王立新', id: '330105195201010173', phone: '13600003333', address: '深圳市光明区某工业园' })
  await page.getByText('集体访', { exact: true }).click()
  await page.getByLabel('来访人数').fill('200')
  const names = ['王立新', '李红梅', '张卫东', '陈志强', '刘芳']
  for (const [i, name] of names.entries()) {
    if (i > 0) await page.getByRole('button', { name: '添加代表' }).click()
    await page.getByLabel(`代表 ${i + 1} 姓名`).fill(name)
  }
  await page.getByRole('button', { name: '添加代表' }).click()
  await expect(page.getByRole('alert').filter({ hasText: '不得超过 5 名' })).toContainText('信访工作条例')
  await expect(page.getByLabel('代表 6 姓名')).toHaveCount(0)
  await shot('six-representatives')
})

test('a draft survives a page reload', async ({ page, host, shot }) => {
  await setUpHall(page, host)
  await threeShows(page)
  await visitor(page)
  await expect(page.getByTestId('draft-status')).toBeVisible()
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByLabel('事实真相').fill('草稿里的事实真相，刷新后不能丢。')
  await expect(page.getByTestId('draft-status')).toBeVisible()
  // Wait for the save after the last keystroke (the status line updates once it is stored).
  // (The draft's save, not the same-matter check, which sends the answers too.)
  await page.waitForResponse((r) => {
    const body = r.request().postData() ?? ''
    return r.url().endsWith('/rpc') && body.includes('"drafts.save"') && body.includes('刷新后不能丢')
  })
  await page.reload()
  await expect(page.getByText(/发现未完成的登记草稿/)).toBeVisible()
  await shot('draft-offer')
  // 放弃草稿 asks once more, with 返回 as its default; 返回 keeps the offer.
  await page.getByRole('button', { name: '放弃草稿' }).click()
  const discard = page.getByRole('dialog').filter({ hasText: '确定放弃这份草稿？' })
  await expect(discard).toContainText('放弃后草稿将被删除，已填写的内容无法找回。')
  await expect(discard.getByRole('button', { name: '返回' })).toBeFocused()
  await shot('draft-discard-confirm')
  await discard.getByRole('button', { name: '返回' }).click()
  await expect(discard).toBeHidden()
  await page.getByRole('button', { name: '恢复草稿' }).click()
  await expect(page.getByLabel('事实真相')).toHaveValue('草稿里的事实真相，刷新后不能丢。')
  await page.getByRole('button', { name: '上一步' }).click()
  await expect(page.getByLabel('身份证号')).toHaveValue(LV.id)
  await shot('draft-restored')

  // 清空重填 asks first, then empties the form and deletes the draft.
  await page.getByRole('button', { name: '清空重填' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('确定清空当前登记表？草稿将被删除。')
  const ok = dialog.getByRole('button', { name: '确定', exact: true })
  await expect(ok).toBeVisible()
  await shot('clear-confirm')
  await ok.click()
  // Back at 三亮, with nothing ticked.
  await expect(page.getByLabel('已亮工号')).not.toBeChecked()
  const draftLoaded = page.waitForResponse((r) => r.url().endsWith('/rpc') && r.request().postData()?.includes('drafts.get') === true)
  await page.reload()
  await draftLoaded
  await expect(page.getByLabel('已亮工号')).toBeVisible()
  await expect(page.getByText(/发现未完成的登记草稿/)).toHaveCount(0)
})

test('sign-in refuses a wrong password with a Chinese message', async ({ page, host }) => {
  await setUpHall(page, host)
  await page.getByRole('button', { name: '退出登录' }).click()
  await signIn(page, ADMIN.badgeNo, 'wrong-password1')
  await expect(page.getByRole('alert')).toContainText('工号或密码不正确，还可尝试 4 次')
  await signIn(page, ADMIN.badgeNo, ADMIN.password)
  await expect(page.getByTestId('signed-in-as')).toContainText(ADMIN.name)
})

test('messages stay true: red only after leaving a field or trying to go on, gone as soon as it is fixed, the count follows', async ({ page, host, shot }) => {
  // The office screen the desks have.
  await page.setViewportSize({ width: 1366, height: 768 })
  await setUpHall(page, host)
  await threeShows(page)
  const nameMessage = page.getByRole('alert').filter({ hasText: '请填写来访人姓名' })
  const idMessage = page.getByRole('alert').filter({ hasText: '请填写身份证号' })
  const addressMessage = page.getByRole('alert').filter({ hasText: '请填写来访人住址' })

  // The name field has the focus; typing and clearing it shows nothing until the field is left.
  await page.getByLabel('姓名').fill('吕')
  await page.getByLabel('姓名').fill('')
  await expect(nameMessage).toHaveCount(0)
  await page.getByLabel('身份证号').focus()
  await expect(nameMessage).toBeVisible()
  // The ID field has been entered, not left: it is not red, nor is the address never visited.
  await expect(idMessage).toHaveCount(0)
  await expect(addressMessage).toHaveCount(0)
  await shot('1366-left-empty')
  // The first character typed resolves it: the message goes without leaving the field.
  await page.getByLabel('姓名').fill(LV.name)
  await expect(nameMessage).toHaveCount(0)

  // Trying to go on marks what is missing on this step, and only what is missing.
  await page.getByRole('button', { name: '下一步' }).click()
  await expect(idMessage).toBeVisible()
  await expect(addressMessage).toBeVisible()
  await expect(nameMessage).toHaveCount(0)
  await shot('1366-tried-to-go-on')
  // Fixed while the cursor is still in the field: each message goes at once.
  await page.getByLabel('身份证号').fill(LV.id)
  await expect(idMessage).toHaveCount(0)
  await page.getByLabel('住址').fill(LV.address)
  await expect(addressMessage).toHaveCount(0)
  await page.getByRole('button', { name: '下一步' }).click()
  await fiveAnswers(page)
  await page.getByRole('button', { name: '下一步' }).click()

  // 登记 with the category and the routing missing: "还有 2 项", then 1, then gone.
  await page.getByRole('button', { name: '登记', exact: true }).click()
  const missing = page.getByTestId('intake-missing')
  await expect(missing).toContainText('还有 2 项')
  await shot('1366-two-missing')
  await page.getByLabel('诉求类别').click()
  await page.getByLabel('诉求类别').fill('市政')
  await page.getByTitle('城乡建设·市政设施').click()
  await expect(missing).toContainText('还有 1 项')
  await expect(page.getByRole('alert').filter({ hasText: '请选择诉求类别' })).toHaveCount(0)
  // 转送 needs the competent body: a message that hangs on another field goes when that one changes.
  await page.getByText('转送', { exact: true }).click()
  await page.getByRole('button', { name: '登记', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: '有权处理' }).first()).toBeVisible()
  await shot('1366-transfer-missing')
  await page.getByText('受理', { exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: '有权处理' })).toHaveCount(0)
  await expect(missing).toHaveCount(0)
  await page.getByRole('button', { name: '登记', exact: true }).click()
  await expect(page.getByTestId('registered-title')).toHaveText('登记成功')
})

test('a group visit: each representative with 姓名, 身份证号 and 联系电话, checked as the visitor is, masked on the receipt', async ({ page, host, shot }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await setUpHall(page, host)
  await threeShows(page)
  await visitor(page, { name: '王立新', id: '330105195201010173', phone: '13600003333', address: '深圳市光明区某工业园' })
  await page.getByText('集体访', { exact: true }).click()
  await page.getByLabel('来访人数').fill('200')
  const first = page.getByTestId('representative-1')
  await page.getByLabel('代表 1 姓名').fill('刘芳')
  // A wrong check digit is not red while it is typed, only once the field is left.
  await page.getByLabel('代表 1 身份证号').fill('110101199003074515')
  await expect(first.getByRole('alert')).toHaveCount(0)
  await page.getByLabel('代表 1 联系电话').focus()
  await expect(first.getByRole('alert').filter({ hasText: '校验位不符' })).toBeVisible()
  await shot('1366-representative-wrong-id')
  await page.getByLabel('代表 1 身份证号').fill('110101199003074514')
  await expect(first.getByRole('alert')).toHaveCount(0)
  await page.getByLabel('代表 1 联系电话').fill('13812344567')
  // The second has no ID card with them: the reason is asked for instead, on 下一步.
  await page.getByRole('button', { name: '添加代表' }).click()
  await page.getByLabel('代表 2 姓名').fill('张卫东')
  await page.getByLabel('代表 2 无身份证').check()
  await page.getByRole('button', { name: '下一步' }).click()
  const second = page.getByTestId('representative-2')
  await expect(second.getByRole('alert').filter({ hasText: '写明原因' })).toBeVisible()
  await shot('1366-representative-no-reason')
  // In English the same fields and the same message, nothing cut off at 1366.
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByLabel('Representative 2: reason for no ID card')).toBeVisible()
  await expect(second.getByRole('alert')).toContainText('reason')
  await shot('1366-representatives-english')
  await page.getByRole('button', { name: '中文' }).click()
  await page.getByLabel('代表 2 无身份证原因').fill('身份证丢失')
  await expect(second.getByRole('alert')).toHaveCount(0)
  await page.getByRole('button', { name: '下一步' }).click()
  await fiveAnswers(page)
  await page.getByRole('button', { name: '下一步' }).click()
  await categoryAndRouting(page)
  await page.getByRole('button', { name: '登记', exact: true }).click()
  await expect(page.getByTestId('registered-title')).toHaveText('登记成功')

  await page.getByRole('button', { name: '打印回执' }).click()
  const receipt = page.frameLocator('[data-testid="receipt-preview"]')
  await expect(receipt.getByRole('row', { name: /代表 1/ })).toContainText('刘芳 110101********4514 138****4567')
  await expect(receipt.getByRole('row', { name: /代表 2/ })).toContainText('张卫东 无身份证（身份证丢失）')
  await expect(receipt.locator('body')).not.toContainText('110101199003074514')
  await shot('1366-group-receipt')
})
