<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../studio/ui/dashboard.py" line="+81"/>
        <source>Dashboard</source>
        <comment>missing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dashboard</source>
        <comment>draft</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dashboard</source>
        <comment>translated</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dashboard</source>
        <comment>approved</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dashboard</source>
        <comment>outdated</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContentTreeModel</name>
    <message>
        <location filename="../../studio/ui/content_tree_model.py" line="+108"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>DashboardModel</name>
    <message>
        <location filename="../../studio/ui/dashboard.py" line="+67"/>
        <source>{0}% approved</source>
        <translation>已审核 {0}%</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{0} — {1} ({2})</source>
        <translation>{0} — {1}（{2}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing to translate</source>
        <translation>无需翻译</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{0} documents, {1} segments</source>
        <translation>{0} 篇文档，{1} 个句段</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location line="+290"/>
        <source>Translation progress</source>
        <translation>翻译进度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Count the cells in each state again</source>
        <translation>重新统计各状态的单元格</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{0}% approved</source>
        <translation>已审核 {0}%</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>No documents yet.</source>
        <translation>还没有文档。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} documents, {1} segments; {2}% of all translations approved, {3} missing, {4} outdated.</source>
        <translation>{0} 篇文档，{1} 个句段；全部译文已审核 {2}%，缺失 {3} 条，过期 {4} 条。</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <location filename="../../studio/ui/jobs_panel.py" line="+41"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>about {0} s left</source>
        <translation>约剩 {0} 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about {0} min left</source>
        <translation>约剩 {0} 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>about {0} h left</source>
        <translation>约剩 {0} 小时</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <location line="+22"/>
        <source>No background work.</source>
        <translation>没有后台任务。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Clear finished</source>
        <translation>清除已完成</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../studio/ui/main_window.py" line="+18"/>
        <source>Studio — {0}</source>
        <translation>Studio — {0}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a document in the tree.</source>
        <translation>请在目录树中选择一篇文档。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This workspace has no documents yet: import some with &apos;studio import&apos;.</source>
        <translation>此工作区还没有文档：请用“studio import”导入。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../studio/ui/settings.py" line="+147"/>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language of menus and dialogs; System follows the computer&apos;s language.</source>
        <translation>菜单和对话框使用的语言；“跟随系统”即使用计算机的语言。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light or dark colours; System follows the computer&apos;s colour scheme.</source>
        <translation>浅色或深色外观；“跟随系统”即使用计算机的配色方案。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Visible languages</source>
        <translation>显示的语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The target languages shown as columns of the translation grid.</source>
        <translation>在翻译表格中作为列显示的目标语言。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Grid font size</source>
        <translation>表格字号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The size in points of source and translation text in the grid.</source>
        <translation>表格中原文和译文的字号（磅）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last user</source>
        <translation>上次登录的用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The name offered when signing in.</source>
        <translation>登录时预先填入的用户名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Window geometry</source>
        <translation>窗口位置和大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the main window was and how large.</source>
        <translation>主窗口上次的位置和大小。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Window state</source>
        <translation>窗口布局</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The layout of the main window&apos;s docks and toolbars.</source>
        <translation>主窗口中停靠面板和工具栏的布局。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="+37"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+10"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>The interface language changes after a restart.</source>
        <translation>界面语言将在重新启动后生效。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Choose at least one language.</source>
        <translation>请至少选择一种语言。</translation>
    </message>
</context>
<context>
    <name>StateChart</name>
    <message>
        <location filename="../../studio/ui/dashboard.py" line="-315"/>
        <location line="+151"/>
        <source>{0}% approved</source>
        <translation>已审核 {0}%</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>No content yet: import documents to see how far translation has come.</source>
        <translation>还没有内容：导入文档后即可查看翻译进度。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>{0} — {1} ({2})</source>
        <translation>{0} — {1}（{2}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Click to list these cells.</source>
        <translation>点击列出这些单元格。</translation>
    </message>
</context>
</TS>
