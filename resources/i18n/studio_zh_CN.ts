<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ColumnsDialog</name>
    <message>
        <location filename="../../studio/ui/columns_dialog.py" line="+30"/>
        <source>Language columns</source>
        <translation>语言列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The languages shown as columns of the grid:</source>
        <translation>表格中作为列显示的语言：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;All</source>
        <translation>全部(&amp;A)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;None</source>
        <translation>全不选(&amp;N)</translation>
    </message>
</context>
<context>
    <name>ConcordanceDialog</name>
    <message>
        <location filename="../../studio/ui/concordance_dialog.py" line="+56"/>
        <source>Concordance</source>
        <translation>语境检索</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A word or phrase in any language, e.g. 许可 or permit</source>
        <translation>任意语言的词语或短语，例如“许可”或 permit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Searching the memory</source>
        <translation>正在搜索记忆库</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n pair(s) hold “{0}”</source>
        <translation>
            <numerusform>%n 个句对包含“{0}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The first %n pairs holding “{0}”: a longer phrase finds fewer</source>
        <translation>
            <numerusform>包含“{0}”的前 %n 个句对：输入更长的短语可缩小范围</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>imported draft</source>
        <translation>导入的草稿</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../studio/ui/conflict_dialog.py" line="+72"/>
        <source>Translation changed meanwhile</source>
        <translation>译文已被他人修改</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Someone else</source>
        <translation>其他用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{author} changed this {language} translation while you were editing it.</source>
        <translation>您编辑期间，{author} 修改了这条{language}译文。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(the translation was removed)</source>
        <translation>（译文已被删除）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Source</source>
        <translation>原文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yours</source>
        <translation>您的译文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theirs ({author})</source>
        <translation>对方的译文（{author}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theirs</source>
        <translation>对方的译文</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Difference (struck out: only in theirs; underlined: only in yours)</source>
        <translation>差异（删除线：仅对方有；下划线：仅您有）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Merged (edit freely)</source>
        <translation>合并结果（可自由编辑）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take theirs</source>
        <translation>采用对方的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use merged</source>
        <translation>采用合并结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save your text over theirs</source>
        <translation>用您的译文覆盖对方的译文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop your text and keep theirs as it is</source>
        <translation>放弃您的译文，保留对方的译文不变</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the text of the Merged box</source>
        <translation>保存“合并结果”框中的文本</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../studio/ui/release_dialog.py" line="+140"/>
        <source>Connect to the portal</source>
        <translation>连接门户网站</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep the token for this session only</source>
        <translation>令牌只在本次会话中保留</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer has no keyring to keep it in.</source>
        <translation>这台电脑没有可保存令牌的密钥环。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
</context>
<context>
    <name>ContentPane</name>
    <message>
        <location filename="../../studio/ui/content_pane.py" line="+110"/>
        <source>Search titles, slugs, sources and translations</source>
        <translation>搜索标题、网址别名、原文和译文</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any type</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any state</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>has {0} cells</source>
        <translation>含 {0} 单元格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>has rejected cells</source>
        <translation>含被退回的单元格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any language</source>
        <translation>所有语言</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Outdated</source>
        <translation>已过时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for my review</source>
        <translation>待我审校</translation>
    </message>
    <message numerus="yes">
        <location line="+78"/>
        <source>{0} of %n document(s)</source>
        <translation>
            <numerusform>{0} / %n 篇文档</numerusform>
        </translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Pre-translate…</source>
        <translation>预翻译…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The {0} selected documents</source>
        <translation>所选的 {0} 篇文档</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This document: {0}</source>
        <translation>本文档：{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This section: {0}</source>
        <translation>本栏目：{0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The documents of type {0} in {1}</source>
        <translation>{1}中类型为“{0}”的文档</translation>
    </message>
</context>
<context>
    <name>ContentTreeModel</name>
    <message numerus="yes">
        <location filename="../../studio/ui/content_tree_model.py" line="+280"/>
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n 个句段</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
</context>
<context>
    <name>ContentTypes</name>
    <message>
        <location filename="../../../../tmp/tmp.Y7lKasxyBm.py" line="+3"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appointment service</source>
        <translation>预约服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appointment url</source>
        <translation>预约网址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available from</source>
        <translation>开放日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booking step</source>
        <translation>预约步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conditions</source>
        <translation>办理条件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coordinates</source>
        <translation>坐标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eligibility</source>
        <translation>服务对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fee</source>
        <translation>收费项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intro</source>
        <translation>导语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>News article</source>
        <translation>新闻</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Office</source>
        <translation>办事机构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online service url</source>
        <translation>网上办理网址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Procedure guide</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Processing time</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published on</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question and answer</source>
        <translation>问答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Related url</source>
        <translation>相关网址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Required document</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Section page</source>
        <translation>栏目页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source url</source>
        <translation>来源网址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport</source>
        <translation>交通</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Website url</source>
        <translation>网站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who may apply</source>
        <translation>适用对象</translation>
    </message>
</context>
<context>
    <name>DashboardModel</name>
    <message>
        <location filename="../../studio/ui/dashboard.py" line="+132"/>
        <source>{0}% approved</source>
        <translation>已批准 {0}%</translation>
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
        <source>{documents}, {segments}</source>
        <translation>{documents}，{segments}</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n 篇文档</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n 个句段</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location line="+292"/>
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
        <translation>已批准 {0}%</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>No documents yet.</source>
        <translation>还没有文档。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{documents}, {segments}; {percent}% of all translations approved, {missing} missing, {outdated} outdated.</source>
        <translation>{documents}，{segments}；全部译文中 {percent}% 已批准，{missing} 条缺失，{outdated} 条已过时。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n 篇文档</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n 个句段</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeletedDocumentsDialog</name>
    <message>
        <location filename="../../studio/ui/document_dialogs.py" line="+196"/>
        <source>Deleted documents</source>
        <translation>已删除的文档</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Slug</source>
        <translation>网址别名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No deleted documents.</source>
        <translation>没有已删除的文档。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
</context>
<context>
    <name>DocumentDialogs</name>
    <message>
        <location line="-161"/>
        <source>Delete document</source>
        <translation>删除文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete “{0}”?

It can be restored from Document ▸ Deleted documents.</source>
        <translation>要删除“{0}”吗？

可在“文档 ▸ 已删除的文档”中恢复。</translation>
    </message>
</context>
<context>
    <name>DocumentEditor</name>
    <message>
        <location filename="../../studio/ui/document_editor.py" line="+260"/>
        <source>No document open</source>
        <translation>未打开文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a document in the tree on the left.</source>
        <translation>请在左侧目录树中选择一篇文档。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} · {1} · {2} segments · written in {3}</source>
        <translation>{0} · {1} · {2} 个句段 · 原文语言：{3}</translation>
    </message>
    <message>
        <location line="+228"/>
        <source>Not stored yet: {0}. Your text stays in the editor.</source>
        <translation>尚未保存：{0}。您的文字仍保留在编辑框中。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not confirmed: {0}. Your text is kept as a draft.</source>
        <translation>未能确认：{0}。您的译文已保存为草稿。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Confirm {0} translation</source>
        <translation>确认{0}译文</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit {0} translation</source>
        <translation>编辑{0}译文</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Not stored: the translation was changed meanwhile. Your text is still in the editor.</source>
        <translation>未保存：译文已被他人修改。您的文本仍在编辑框中。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not stored</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}

Your text was copied to the clipboard so it is not lost.</source>
        <translation>{0}

您的文本已复制到剪贴板，不会丢失。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Every {0} segment of this document is confirmed.</source>
        <translation>本文档的所有{0}句段均已确认。</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>Typing is not journalled ({0}): it is stored as a draft after a pause.</source>
        <translation>输入内容未写入恢复日志（{0}）：停顿后才会保存为草稿。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Typing from the last session was not stored ({0}); it is kept in {1}.</source>
        <translation>上次会话中输入的内容未能存储（{0}），已保留在 {1}。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Your typing from the last session was recovered and stored as a draft.</source>
        <translation>已恢复您上次会话中输入的内容，并保存为草稿。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The source is not typed in the grid: use Document ▸ Edit the source (Ctrl+E).</source>
        <translation>原文不在表格中输入：请使用“文档 ▸ 编辑原文”（Ctrl+E）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This column names the field: choose a language column to translate.</source>
        <translation>此列显示字段名称：请选择一个语言列进行翻译。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This cell cannot be edited.</source>
        <translation>此单元格不可编辑。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Find in this document (source and shown languages)</source>
        <translation>在本文档中查找（原文及显示的语言）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift+F3 or Shift+Enter</source>
        <translation>Shift+F3 或 Shift+Enter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F3 or Enter</source>
        <translation>F3 或 Enter</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n cell(s)</source>
        <translation>
            <numerusform>%n 个单元格</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditHistory</name>
    <message>
        <location filename="../../studio/ui/undo.py" line="+109"/>
        <source>{0}: cancelled; nothing was changed</source>
        <translation>{0}：已取消，未作任何更改</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="+69"/>
        <location line="+90"/>
        <source>Export translations</source>
        <translation>导出译文</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Export translations for outside translators. Each unit keeps its sentence&apos;s id, so Import translations puts the returned file back in the right cells.</source>
        <translation>导出译文，交给外部译者翻译。每个单元都保留其句段的 ID，因此“导入译文”能将交回的文件放回正确的单元格。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>XLIFF 2.1 (memoQ, Trados, Okapi)</source>
        <translation>XLIFF 2.1（memoQ、Trados、Okapi）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XLIFF 1.2 (older CAT tools)</source>
        <translation>XLIFF 1.2（较旧的 CAT 工具）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gettext PO (Poedit, Weblate)</source>
        <translation>Gettext PO（Poedit、Weblate）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV (a spreadsheet)</source>
        <translation>CSV（电子表格）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every document</source>
        <translation>所有文档</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages (one file each)</source>
        <translation>语言（每种语言一个文件）</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>One archive with a file per language.</source>
        <translation>一个压缩包，每种语言一个文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A folder, with a file per language.</source>
        <translation>一个文件夹，每种语言一个文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Several languages make several files: give a folder or a name ending in .zip.</source>
        <translation>多种语言会生成多个文件：请指定一个文件夹，或以 .zip 结尾的文件名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One file.</source>
        <translation>一个文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose at least one language and where to save.</source>
        <translation>请至少选择一种语言，并指定保存位置。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{0} already exists. Replace it?</source>
        <translation>{0} 已存在。要替换吗？</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export translations to</source>
        <translation>将译文导出到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive or file (*.zip *.po *.xlf *.csv);;All files (*)</source>
        <translation>压缩包或文件 (*.zip *.po *.xlf *.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>FactsPanel</name>
    <message>
        <location filename="../../studio/ui/facts_panel.py" line="+87"/>
        <source>Facts (the same in every language)</source>
        <translation>通用信息（各语言相同）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save facts</source>
        <translation>保存通用信息</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>Facts: %n value(s), the same in every language</source>
        <translation>
            <numerusform>事实信息：%n 项，各语言通用</numerusform>
        </translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Facts saved: {0}</source>
        <translation>通用信息已保存：{0}</translation>
    </message>
</context>
<context>
    <name>FieldBlock</name>
    <message>
        <location filename="../../studio/ui/source_form.py" line="+310"/>
        <source>{0} *</source>
        <translation>{0} *</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../studio/ui/quality_view.py" line="+88"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Acknowledged:</source>
        <translation>已确认忽略：</translation>
    </message>
</context>
<context>
    <name>Glossary</name>
    <message>
        <location filename="../../studio/ui/glossary_dialog.py" line="+56"/>
        <source>preferred</source>
        <translation>首选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>admitted</source>
        <translation>允许</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>forbidden</source>
        <translation>禁用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>discouraged</source>
        <translation>不推荐</translation>
    </message>
</context>
<context>
    <name>GlossaryDialog</name>
    <message>
        <location line="+154"/>
        <location line="+171"/>
        <location line="+108"/>
        <source>Glossary</source>
        <translation>术语表</translation>
    </message>
    <message>
        <location line="-271"/>
        <source>Filter by term or note</source>
        <translation>按术语或备注筛选</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All languages</source>
        <translation>所有语言</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>What the concept is, where the term is used</source>
        <translation>概念的含义，术语的使用场合</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a term</source>
        <translation>添加术语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the term</source>
        <translation>删除术语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save entry</source>
        <translation>保存条目</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+167"/>
        <source>New entry</source>
        <translation>新建条目</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>Delete entry</source>
        <translation>删除条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Delete the entry and all its terms</source>
        <translation>删除此条目及其全部术语</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{0} of {1} entries</source>
        <translation>{0} / {1} 个条目</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Save the changes to this entry?</source>
        <translation>要保存对此条目的更改吗？</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+55"/>
        <source>Entry {0}</source>
        <translation>条目 {0}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Saved. Note: {0} is a single character, found inside every word that holds it; a longer term is usually meant.</source>
        <translation>已保存。注意：{0} 只有一个字，凡含这个字的词都会匹配；通常应使用更长的术语。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not saved: {0}. Their version is shown now.</source>
        <translation>未保存：{0}。现在显示的是对方保存的版本。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete entry {0} ({1}) and all its terms? Checks and machine translation stop using it; this cannot be undone.</source>
        <translation>删除条目 {0}（{1}）及其全部术语？质量检查和机器翻译将不再使用它；此操作无法撤销。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Import glossary files</source>
        <translation>导入术语表文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Glossaries (*.tbx *.xml *.csv);;All files (*)</source>
        <translation>术语表 (*.tbx *.xml *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The import failed: {0}</source>
        <translation>导入失败：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Importing the glossary</source>
        <translation>正在导入术语表</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export the glossary</source>
        <translation>导出术语表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TBX (*.tbx);;CSV (*.csv)</source>
        <translation>TBX (*.tbx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wrote {0} entries to {1}</source>
        <translation>已将 {0} 个条目写入 {1}</translation>
    </message>
</context>
<context>
    <name>GlossaryModel</name>
    <message>
        <location line="-456"/>
        <source>Source</source>
        <translation>原文</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Terms</source>
        <translation>术语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>GridDelegate</name>
    <message>
        <location filename="../../studio/ui/grid_delegate.py" line="+214"/>
        <source>rejected</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚠ placeholders</source>
        <translation>⚠ 占位符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚠ source changed</source>
        <translation>⚠ 原文已更改</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>no approved term</source>
        <translation>无认可的术语</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>⚠ the source changed since this was translated: click to see how</source>
        <translation>⚠ 翻译之后原文已修改：点击查看改动</translation>
    </message>
</context>
<context>
    <name>GridModel</name>
    <message>
        <location filename="../../studio/ui/grid_model.py" line="+53"/>
        <source>⚠ The machine translation damaged the placeholders: {0}. Check them before confirming.</source>
        <translation>⚠ 机器翻译损坏了占位符：{0}。请在确认前检查。</translation>
    </message>
    <message>
        <location line="+205"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} (source)</source>
        <translation>{0}（原文）</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../../studio/ui/help.py" line="+16"/>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search documents; Enter opens the one named, or the first found</source>
        <translation>搜索文档；回车打开名称完全匹配的文档，否则打开第一个结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter (in the tree)</source>
        <translation>Enter（在目录树中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the document and go to its grid</source>
        <translation>打开文档并转到其表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alt+1 / Alt+2 / Alt+3</source>
        <translation>Alt+1 / Alt+2 / Alt+3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the content tree / the grid / the cell panel</source>
        <translation>转到内容树 / 表格 / 单元格面板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter / F2</source>
        <translation>Enter / F2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start editing the current cell</source>
        <translation>开始编辑当前单元格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm the cell and go to the next unconfirmed cell of that language</source>
        <translation>确认此单元格，并转到该语言的下一个未确认单元格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>While editing: keep the text as a draft and go to the cell below</source>
        <translation>编辑时：将文本保存为草稿，并转到下方单元格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift+Enter</source>
        <translation>Shift+Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>While editing: a line break (not in single-line fields such as titles)</source>
        <translation>编辑时：换行（标题等单行字段除外）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Up / Ctrl+Down</source>
        <translation>Ctrl+↑ / Ctrl+↓</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous / next segment</source>
        <translation>上一个 / 下一个句段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+PgUp / Ctrl+PgDown</source>
        <translation>Ctrl+PgUp / Ctrl+PgDown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous / next language column</source>
        <translation>上一个 / 下一个语言列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the source into the cell (markup placeholders included)</source>
        <translation>将原文复制到单元格（包括标记占位符）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F8</source>
        <translation>F8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert the next placeholder the translation lacks</source>
        <translation>插入译文中缺少的下一个占位符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escape</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the editor, keeping what you typed as a draft</source>
        <translation>关闭编辑框，已输入的内容保存为草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y</source>
        <translation>Ctrl+Z / Ctrl+Shift+Z 或 Ctrl+Y</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo / redo (typing while editing; stored edits otherwise)</source>
        <translation>撤销 / 重做（编辑时针对输入内容，否则针对已保存的修改）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find in this document</source>
        <translation>在本文档中查找</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F3 / Shift+F3</source>
        <translation>F3 / Shift+F3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next / previous match (Enter / Shift+Enter in the find bar)</source>
        <translation>下一个/上一个匹配项（在查找栏中按 Enter / Shift+Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find and replace across the workspace, with a preview</source>
        <translation>在整个工作区中查找和替换（可预览）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Machine translation: every engine&apos;s suggestion for the current cell, in the cell panel</source>
        <translation>机器翻译：在单元格面板中列出各引擎对当前单元格的译文建议</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Alt+1 … Ctrl+Alt+4</source>
        <translation>Ctrl+Alt+1 … Ctrl+Alt+4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert machine suggestion 1 … 4: into the open editor, or else as a machine draft</source>
        <translation>插入第 1 … 4 条机器翻译建议：插入打开的编辑框，否则保存为机器翻译草稿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+1 … Ctrl+5</source>
        <translation>Ctrl+1 … Ctrl+5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert translation-memory match 1 … 5 (Memory tab): into the open editor, or else as a draft</source>
        <translation>插入第 1 … 5 条翻译记忆库匹配（“记忆库”选项卡）：插入打开的编辑框，否则保存为草稿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concordance: search the translation memory for a word or phrase in any language</source>
        <translation>语境检索：在翻译记忆库中搜索任意语言的词语或短语</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert the sentence&apos;s first glossary term (Terms tab) at the editor&apos;s cursor</source>
        <translation>在编辑框的光标处插入本句段的第一个术语（“术语”选项卡）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a glossary entry from the current cell (the selected text as its term)</source>
        <translation>根据当前单元格添加术语表条目（所选文本作为术语）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+G</source>
        <translation>Ctrl+Shift+G</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The glossary: find, edit, import and export terms</source>
        <translation>术语表：查找、编辑、导入和导出术语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve the current translation (reviewers)</source>
        <translation>批准当前译文（审校人）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject the current translation with a reason (reviewers)</source>
        <translation>退回当前译文并说明原因（审校人）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alt+4</source>
        <translation>Alt+4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the review queue: the translations waiting for your review in all documents</source>
        <translation>打开审校队列：所有文档中等待您审校的译文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+A (in the review queue)</source>
        <translation>Ctrl+Shift+A（在审校队列中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve the selected translations</source>
        <translation>批准所选译文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+R (in the review queue)</source>
        <translation>Ctrl+Shift+R（在审校队列中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject the selected translations with one reason</source>
        <translation>以同一理由退回所选译文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter (in the review queue)</source>
        <translation>Enter（在审校队列中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the document in the grid at that translation</source>
        <translation>在表格中打开该文档并定位到该译文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alt+5</source>
        <translation>Alt+5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quality checks of every translation, with filters, and each document&apos;s readability</source>
        <translation>所有译文的质量检查（可筛选），以及各文档的可读性</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview the document as the portal shows it</source>
        <translation>按门户网站的显示效果预览文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Releases: compose, check, push, follow and roll back what goes to the portal (supervisors)</source>
        <translation>发布：编排、检查、推送、跟踪和回滚发往门户网站的内容（主管）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the document&apos;s source</source>
        <translation>编辑文档原文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New document</source>
        <translation>新建文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import documents</source>
        <translation>导入文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Alt+L</source>
        <translation>Ctrl+Alt+L</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the language columns</source>
        <translation>选择语言列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show all eight languages</source>
        <translation>显示全部八种语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Enter (in a dialog)</source>
        <translation>Ctrl+Enter（在对话框中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do what the dialog is for: reject, save, create, OK (Ctrl+S saves too)</source>
        <translation>执行对话框的主要操作：退回、保存、创建、确定（Ctrl+S 也可保存）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escape (in a dialog)</source>
        <translation>Esc（在对话框中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the dialog</source>
        <translation>取消对话框</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit (everything typed is already stored)</source>
        <translation>退出（所输入的内容均已保存）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This page</source>
        <translation>本页面</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../studio/ui/import_report_dialog.py" line="+119"/>
        <source>Imported translations</source>
        <translation>已导入的译文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} applied, {1} skipped, {2} in conflict, from {3} file(s).</source>
        <translation>来自 {3} 个文件：已应用 {0} 条，已跳过 {1} 条，冲突 {2} 条。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applied units are drafts or translations waiting for review; nothing was approved. A conflict was left as it is in Studio: compare both texts and decide in the grid.</source>
        <translation>已应用的单元均为草稿或待审校的译文，没有任何译文被批准。冲突处保持 Studio 中的原样：请比较两段文本，并在表格中决定。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not listed: {0} unchanged (Studio has the same text), {1} with an empty target.</source>
        <translation>未列出：{0} 条未变（Studio 中的文本相同），{1} 条译文为空。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>In conflict ({0})</source>
        <translation>冲突（{0}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applied ({0})</source>
        <translation>已应用（{0}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped ({0})</source>
        <translation>已跳过（{0}）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text in the file</source>
        <translation>文件中的文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text in Studio</source>
        <translation>Studio 中的文本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Written by</source>
        <translation>撰写人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <location filename="../../studio/ui/jobs_panel.py" line="+42"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <location line="+28"/>
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
        <location line="+23"/>
        <source>No background work.</source>
        <translation>没有后台任务。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Clear finished</source>
        <translation>清除已完成</translation>
    </message>
</context>
<context>
    <name>LengthCounter</name>
    <message numerus="yes">
        <location filename="../../studio/ui/source_form.py" line="-218"/>
        <source>%n character(s) over the maximum</source>
        <translation>
            <numerusform>超出上限 %n 个字符</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LimitsDialog</name>
    <message>
        <location filename="../../studio/ui/quality_view.py" line="+218"/>
        <source>Readability limits</source>
        <translation>可读性限值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest sentence</source>
        <translation>最长句子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest word (letters)</source>
        <translation>最长单词（字母数）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>words</source>
        <translation>词</translation>
    </message>
</context>
<context>
    <name>ListItem</name>
    <message>
        <location filename="../../studio/ui/source_form.py" line="+244"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a new item after this one</source>
        <translation>在此项之后添加新项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove this item</source>
        <translation>删除此项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move this item up</source>
        <translation>将此项上移</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move this item down</source>
        <translation>将此项下移</translation>
    </message>
</context>
<context>
    <name>LocaleName</name>
    <message>
        <location filename="../../studio/ui/labels.py" line="+39"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Russian</source>
        <translation>俄语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arabic</source>
        <translation>阿拉伯语</translation>
    </message>
</context>
<context>
    <name>MachineTab</name>
    <message>
        <location filename="../../studio/ui/side_panel.py" line="+478"/>
        <source>Ask the engines</source>
        <translation>请求引擎翻译</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Choose a translation cell: the engines translate into its language.</source>
        <translation>请选择一个译文单元格：引擎将译为该单元格的语言。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+M asks the machine-translation engines for this cell.</source>
        <translation>按 Ctrl+M 请求机器翻译引擎翻译此单元格。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Source ({0})</source>
        <translation>原文（{0}）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Still asking the engines for a {0} translation…</source>
        <translation>仍在请求各引擎提供{0}译文…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asking the engines for a {0} translation…</source>
        <translation>正在请求引擎提供{0}译文…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Machine translation suggestions</source>
        <translation>机器翻译建议</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The request was cancelled: Ctrl+M asks again.</source>
        <translation>请求已取消：按 Ctrl+M 重新请求。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No engine is set up to translate into {0}: choose engines in File ▸ Settings ▸ Machine translation.</source>
        <translation>尚未设置可译为{0}的引擎：请在“文件 ▸ 设置 ▸ 机器翻译”中选择引擎。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Engines that answered: {0} of {1}</source>
        <translation>已响应的引擎：{0} / {1}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>from the cache</source>
        <translation>来自缓存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>from the approved English</source>
        <translation>译自已批准的英语译文</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>⚠ The placeholders came back damaged: {0}. Check them before confirming.</source>
        <translation>⚠ 返回的占位符已损坏：{0}。请在确认前检查。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert</source>
        <translation>插入</translation>
    </message>
</context>
<context>
    <name>MachineTranslationPage</name>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="+227"/>
        <source>Keep keys for this session only</source>
        <translation>密钥仅在本次会话中保留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys are kept in Studio&apos;s memory and forgotten when it quits.</source>
        <translation>密钥仅保存在 Studio 的内存中，退出后即清除。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Keys are kept in the system keyring, never in a file.</source>
        <translation>密钥保存在系统密钥环中，从不写入文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer has no keyring, so Studio cannot keep keys from one session to the next (and never writes them to a file). Keep them for this session only, or set them in the environment (STUDIO_MT_&lt;ENGINE&gt;_KEY).</source>
        <translation>此计算机没有系统密钥环，Studio 无法在会话之间保留密钥（也从不将其写入文件）。请选择仅在本次会话中保留密钥，或通过环境变量（STUDIO_MT_&lt;ENGINE&gt;_KEY）设置。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Engines</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Translate a sentence into</source>
        <translation>将一个句子译为</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>stored: type a new one to replace it</source>
        <translation>已保存：输入新值即可替换</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>set by {0}</source>
        <translation>由 {0} 设置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing to set up.</source>
        <translation>无需设置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>* needed</source>
        <translation>* 必填</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>✗ {0} needs: {1}</source>
        <translation>✗ {0} 需要：{1}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Asking {0}…</source>
        <translation>正在请求 {0}…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Test connection: {0}</source>
        <translation>测试连接：{0}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Engines for each language, tried in order</source>
        <translation>各语言使用的引擎（按顺序尝试）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Translate from the approved English rather than the source</source>
        <translation>从已批准的英语译文翻译，而非从原文翻译</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../studio/ui/main_window.py" line="+96"/>
        <source>Studio — {0}</source>
        <translation>Studio — {0}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Current cell</source>
        <translation>当前单元格</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Jobs</source>
        <translation>后台任务</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Review queue</source>
        <translation>审校队列</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Quality checks</source>
        <translation>质量检查</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The workspace is damaged</source>
        <translation>工作区已损坏</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import documents…</source>
        <translation>导入文档(&amp;I)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export translations…</source>
        <translation>导出译文(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import &amp;translations…</source>
        <translation>导入译文(&amp;T)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in as another user…</source>
        <translation>以其他用户身份登录…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy the source into the cell</source>
        <translation>将原文复制到单元格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Find in this document</source>
        <translation>在本文档中查找(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find and &amp;replace in the workspace…</source>
        <translation>在工作区中查找和替换(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Machine translation suggestions</source>
        <translation>机器翻译建议(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Insert machine suggestion</source>
        <translation>插入机器翻译建议(&amp;I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Suggestion {0}</source>
        <translation>建议 {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert glossary &amp;term</source>
        <translation>插入术语(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add to the g&amp;lossary…</source>
        <translation>添加到术语表(&amp;L)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Glossary…</source>
        <translation>术语表(&amp;G)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Document</source>
        <translation>文档(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New document…</source>
        <translation>新建文档(&amp;N)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit the source…</source>
        <translation>编辑原文(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete this document</source>
        <translation>删除此文档(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted documents…</source>
        <translation>已删除的文档…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pre-&amp;translate…</source>
        <translation>预翻译(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Re&amp;lease…</source>
        <translation>发布(&amp;L)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Review</source>
        <translation>审校(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Approve this translation</source>
        <translation>批准此译文(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reject this translation…</source>
        <translation>退回此译文(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the review &amp;queue</source>
        <translation>打开审校队列(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the &amp;quality checks</source>
        <translation>打开质量检查(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search documents</source>
        <translation>搜索文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content tree</source>
        <translation>内容树</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document grid</source>
        <translation>文档表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current cell panel</source>
        <translation>当前单元格面板</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language &amp;columns</source>
        <translation>语言列(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;hoose language columns…</source>
        <translation>选择语言列(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All eight languages</source>
        <translation>全部八种语言</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Dashboard</source>
        <translation>仪表板(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not signed in: read only</source>
        <translation>未登录：只读</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>editor</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reviewer</source>
        <translation>审校人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed in: {0} ({1})</source>
        <translation>已登录：{0}（{1}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · reviews {0}</source>
        <translation> · 审校 {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>choose a translation cell to review</source>
        <translation>请选择要审校的译文单元格</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Review queue ({0})</source>
        <translation>审校队列（{0}）</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Not done</source>
        <translation>未执行</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Import documents</source>
        <translation>导入文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents (*.json *.md *.markdown *.html *.htm)</source>
        <translation>文档 (*.json *.md *.markdown *.html *.htm)</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Importing %n file(s)</source>
        <translation>
            <numerusform>正在导入 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Exporting translations</source>
        <translation>正在导出译文</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported {0} unit(s) in {1} file(s) to {2}</source>
        <translation>已将 {0} 个单元导出为 {1} 个文件，保存在 {2}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import translations</source>
        <translation>导入译文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Translations (*.po *.xlf *.xliff *.xlf2 *.csv);;All files (*)</source>
        <translation>译文 (*.po *.xlf *.xliff *.xlf2 *.csv);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Importing translations from %n file(s)</source>
        <translation>
            <numerusform>正在从 %n 个文件导入译文</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>Replacing in %n translation(s)</source>
        <translation>
            <numerusform>正在替换 %n 条译文</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Replace cancelled: nothing was replaced</source>
        <translation>替换已取消：未替换任何内容</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Replaced in %n translation(s)</source>
        <translation>
            <numerusform>已在 %n 条译文中替换</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Replace cancelled: %n translation(s) replaced, Undo takes them back</source>
        <translation>
            <numerusform>替换已取消：已替换 %n 条译文，撤销可全部恢复</numerusform>
        </translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Choose a translation cell: the engines translate the source into its language.</source>
        <translation>请选择一个译文单元格：引擎将把原文译为该单元格的语言。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No machine suggestion {0} for this cell: Ctrl+M asks the engines.</source>
        <translation>此单元格没有第 {0} 条机器翻译建议：按 Ctrl+M 请求引擎翻译。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open a cell&apos;s editor on a sentence with glossary terms to insert one (see the Terms tab).</source>
        <translation>请在含有术语的句段上打开单元格编辑框，再插入术语（见“术语”选项卡）。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Insert a machine translation into {0}</source>
        <translation>插入{0}机器译文</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A pre-translation is running: wait for it to end, or cancel it in the jobs panel</source>
        <translation>预翻译正在进行：请等它结束，或在后台任务面板中取消。</translation>
    </message>
    <message>
        <location line="-242"/>
        <location line="+264"/>
        <source>This document: {0}</source>
        <translation>本文档：{0}</translation>
    </message>
    <message>
        <location line="-262"/>
        <location line="+263"/>
        <source>Its section: {0}</source>
        <translation>所属栏目：{0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pre-translating into {0}</source>
        <translation>正在预翻译为{0}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Pre-translation cancelled: the drafts written before are kept</source>
        <translation>预翻译已取消：已生成的草稿予以保留</translation>
    </message>
    <message numerus="yes">
        <location line="-222"/>
        <source>Replace in %n translation(s)</source>
        <translation>
            <numerusform>在 %n 条译文中替换</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This cell has no translation to review.</source>
        <translation>此单元格没有可审校的译文。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rejected</source>
        <translation>已退回</translation>
    </message>
</context>
<context>
    <name>MemoryActions</name>
    <message>
        <location filename="../../studio/ui/memory_tab.py" line="+247"/>
        <source>Insert memory &amp;match</source>
        <translation>插入记忆库匹配(&amp;M)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Match {0}</source>
        <translation>匹配 {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Concordance…</source>
        <translation>语境检索(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Translation &amp;memory</source>
        <translation>翻译记忆库(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pre-translate from the &amp;memory…</source>
        <translation>从记忆库预翻译(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a translation memory (TMX)…</source>
        <translation>导入翻译记忆库（TMX）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the translation memory (TMX)…</source>
        <translation>导出翻译记忆库（TMX）…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No memory match {0} for this cell.</source>
        <translation>此单元格没有第 {0} 条记忆库匹配。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Insert a memory match into {0}</source>
        <translation>插入{0}记忆库匹配</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Pre-translating from the memory</source>
        <translation>正在从记忆库预翻译</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import a translation memory</source>
        <translation>导入翻译记忆库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TMX files (*.tmx);;All files (*)</source>
        <translation>TMX 文件 (*.tmx);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Importing a translation memory</source>
        <translation>正在导入翻译记忆库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export the translation memory</source>
        <translation>导出翻译记忆库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TMX files (*.tmx)</source>
        <translation>TMX 文件 (*.tmx)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exporting the translation memory</source>
        <translation>正在导出翻译记忆库</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Wrote %n unit(s)</source>
        <translation>
            <numerusform>已写入 %n 个翻译单元</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Looking for identical sentences</source>
        <translation>正在查找相同句段</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Using a translation for identical sentences</source>
        <translation>正在将译文同步到相同句段</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Use a translation for %n identical sentence(s)</source>
        <translation>
            <numerusform>将译文同步到 %n 个相同句段</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MemoryPretranslateDialog</name>
    <message>
        <location filename="../../studio/ui/memory_pretranslate_dialog.py" line="+31"/>
        <source>Pre-translate from the memory</source>
        <translation>从记忆库预翻译</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This document: {0}</source>
        <translation>本文档：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every document</source>
        <translation>所有文档</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lowest score</source>
        <translation>最低匹配率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing and outdated cells get the best match as a draft (origin tm:score); nothing anyone wrote is replaced.</source>
        <translation>缺失和已过时的单元格将填入最佳匹配作为草稿（来源记为 tm:匹配率）；不会替换任何人撰写的文本。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>MemoryTab</name>
    <message>
        <location filename="../../studio/ui/memory_tab.py" line="-329"/>
        <source>Closing the memory</source>
        <translation>正在关闭记忆库</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a translation cell: the memory&apos;s matches for it are shown here.</source>
        <translation>请选择一个译文单元格：此处将显示记忆库中与之匹配的内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Looking up the memory…</source>
        <translation>正在检索记忆库…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The memory is looked up in the main window.</source>
        <translation>记忆库检索在主窗口中进行。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Looking up the memory</source>
        <translation>正在检索记忆库</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>imported draft</source>
        <translation>导入的草稿</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No match in the memory for this sentence in {0}.</source>
        <translation>记忆库中没有本句段的{0}匹配。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n match(es) in {0}; Ctrl+1 … Ctrl+5 insert one.</source>
        <translation>
            <numerusform>%n 条{0}匹配；按 Ctrl+1 … Ctrl+5 插入。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Insert</source>
        <translation>插入</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Struck through: only in the memory&apos;s source; underlined: only in this sentence.</source>
        <translation>删除线：仅记忆库原文中有；下划线：仅本句段中有。</translation>
    </message>
</context>
<context>
    <name>MoneyEditor</name>
    <message>
        <location filename="../../studio/ui/source_form.py" line="-99"/>
        <source>amount, e.g. 200.00</source>
        <translation>金额，例如 200.00</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Three-letter currency code</source>
        <translation>三个字母的货币代码</translation>
    </message>
</context>
<context>
    <name>NewDocumentDialog</name>
    <message>
        <location filename="../../studio/ui/document_dialogs.py" line="+20"/>
        <source>New document</source>
        <translation>新建文档</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. residence-permit-renewal</source>
        <translation>例如 residence-permit-renewal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The document&apos;s address on the portal: lower-case letters a–z, digits and hyphens; it cannot be changed later</source>
        <translation>文档在门户网站上的地址：仅限小写字母 a–z、数字和连字符；创建后不能更改</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Section:</source>
        <translation>栏目(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;lug:</source>
        <translation>网址别名(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source &amp;language:</source>
        <translation>原文语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Give the document a slug.</source>
        <translation>请为文档填写网址别名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A slug uses lower-case letters a–z, digits and hyphens, starts with a letter or a digit and has at most 120 characters: “{0}” does not.</source>
        <translation>网址别名只能包含小写字母 a–z、数字和连字符，须以字母或数字开头，且不超过 120 个字符：“{0}”不符合要求。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the new document</source>
        <translation>新文档</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Only a–z, 0–9 and hyphens, starting with a letter or a digit</source>
        <translation>只能包含 a–z、0–9 和连字符，并以字母或数字开头</translation>
    </message>
</context>
<context>
    <name>Origins</name>
    <message>
        <location filename="../../studio/ui/labels.py" line="+9"/>
        <source>typed</source>
        <translation>手动输入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>machine ({0})</source>
        <translation>机器翻译（{0}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>memory {0}%</source>
        <translation>翻译记忆 {0}%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import ({0})</source>
        <translation>导入（{0}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>copied from the same sentence</source>
        <translation>复制自相同句子</translation>
    </message>
</context>
<context>
    <name>PretranslateDialog</name>
    <message>
        <location filename="../../studio/ui/pretranslate_dialog.py" line="+61"/>
        <location line="+21"/>
        <source>Pre-translate</source>
        <translation>预翻译</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Fill the missing and outdated cells with machine drafts. Text a person wrote is never replaced.</source>
        <translation>用机器翻译草稿填充缺失和已过时的单元格。人工撰写的文本绝不会被替换。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every document</source>
        <translation>所有文档</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each language&apos;s route of engines</source>
        <translation>各语言设定的引擎顺序</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Engines and routes are set up in File ▸ Settings ▸ Machine translation.</source>
        <translation>引擎及其使用顺序在“文件 ▸ 设置 ▸ 机器翻译”中设置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace earlier machine drafts</source>
        <translation>替换以前的机器翻译草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drafts a machine wrote before are translated again; a person&apos;s text stays as it is.</source>
        <translation>重新翻译以前由机器生成的草稿；人工撰写的文本保持不变。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Engine:</source>
        <translation>引擎：</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>What to fill</source>
        <translation>填充范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Into</source>
        <translation>目标语言</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Choose at least one language.</source>
        <translation>请至少选择一种语言。</translation>
    </message>
</context>
<context>
    <name>PreviewWidget</name>
    <message>
        <location filename="../../studio/ui/preview.py" line="+51"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Beside:</source>
        <translation>并排对照：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Approved only (what a release would publish)</source>
        <translation>仅已批准(&amp;A)（发布时将公开的内容）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unticked, drafts and confirmed translations show too, so editors see their work; untranslated text is marked either way.</source>
        <translation>不勾选时，草稿和已确认的译文也会显示，便于编辑查看自己的工作；未翻译的文字在两种情况下都会标出。</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>No document to preview.</source>
        <translation>没有可预览的文档。</translation>
    </message>
</context>
<context>
    <name>PreviewWindow</name>
    <message>
        <location line="+16"/>
        <location line="+24"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Preview — {0}</source>
        <translation>预览 — {0}</translation>
    </message>
</context>
<context>
    <name>PropagationBar</name>
    <message>
        <location filename="../../studio/ui/propagation_bar.py" line="+29"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>Use this translation for %n identical sentence(s) elsewhere ({0})?</source>
        <translation>
            <numerusform>要将此译文同步到其他位置的 %n 个相同句段（{0}）吗？</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QualityTab</name>
    <message>
        <location filename="../../studio/ui/quality_tab.py" line="+88"/>
        <source>Why the warning does not apply (the reviewer reads it)</source>
        <translation>此警告为何不适用（审校人会看到）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledge</source>
        <translation>确认忽略</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Choose a translation in the grid to see its quality checks.</source>
        <translation>请在表格中选择一条译文，查看其质量检查结果。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The quality checks are for translations: choose a cell of a target language.</source>
        <translation>质量检查仅针对译文：请选择目标语言的单元格。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No translation yet.</source>
        <translation>尚无译文。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No problem found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Acknowledged</source>
        <translation>已确认忽略</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Acknowledge “{0}” on this translation:</source>
        <translation>对此译文确认忽略“{0}”：</translation>
    </message>
</context>
<context>
    <name>QualityView</name>
    <message>
        <location filename="../../studio/ui/quality_view.py" line="-170"/>
        <source>All languages</source>
        <translation>所有语言</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All checks</source>
        <translation>所有检查项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Errors and warnings</source>
        <translation>错误和警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged</source>
        <translation>已确认忽略</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open and acknowledged</source>
        <translation>未处理和已确认忽略</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Check all</source>
        <translation>全部检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run every quality check over the whole workspace</source>
        <translation>对整个工作区运行所有质量检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Limits…</source>
        <translation>限值…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Readability</source>
        <translation>可读性</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The longest sentence and word before a readability warning, per language</source>
        <translation>各语言在发出可读性警告前允许的最长句子和最长单词</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only a supervisor changes the readability limits</source>
        <translation>只有主管可以更改可读性限值</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Limits changed: Check all again</source>
        <translation>限值已更改：请再次“全部检查”</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Checking the translations</source>
        <translation>正在检查译文</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Translations changed since: Check all again</source>
        <translation>译文此后已有更改：请再次“全部检查”</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{0} of {1} findings; {2} error(s)</source>
        <translation>{0} / {1} 条检查结果；{2} 个错误</translation>
    </message>
</context>
<context>
    <name>ReadabilityModel</name>
    <message>
        <location line="-188"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sentences</source>
        <translation>句数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Average length</source>
        <translation>平均长度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Long sentences</source>
        <translation>长句</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Long words</source>
        <translation>长单词</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bureaucratic terms</source>
        <translation>公文腔用语</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>words</source>
        <translation>词</translation>
    </message>
</context>
<context>
    <name>RecordItem</name>
    <message>
        <location filename="../../studio/ui/source_form.py" line="+153"/>
        <source>{label} {number}</source>
        <translation>{label} {number}</translation>
    </message>
</context>
<context>
    <name>RecordListEditor</name>
    <message>
        <location line="+78"/>
        <source>Add {0}</source>
        <translation>添加{0}</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../../studio/ui/reject_dialog.py" line="+29"/>
        <source>Reject the {0} translation</source>
        <translation>退回{0}译文</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What should change, and why</source>
        <translation>需要修改什么，原因是什么</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reject</source>
        <translation>退回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Why? The translator reads this:</source>
        <translation>退回原因（译者会看到）(&amp;W)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Enter rejects · Esc cancels</source>
        <translation>Ctrl+Enter 退回 · Esc 取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Source ({0})</source>
        <translation>原文（{0}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Translation being rejected ({0})</source>
        <translation>被退回的译文（{0}）</translation>
    </message>
</context>
<context>
    <name>ReleaseDialog</name>
    <message>
        <location filename="../../studio/ui/release_dialog.py" line="+14"/>
        <source>Releases</source>
        <translation>发布</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connect…</source>
        <translation>连接…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pull changes from the portal</source>
        <translation>从门户网站拉取变更</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Compose</source>
        <translation>编排</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+183"/>
        <source>Changes on the portal</source>
        <translation>门户网站上的变更</translation>
    </message>
    <message>
        <location line="-160"/>
        <source>What to release</source>
        <translation>发布什么</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything ready</source>
        <translation>所有就绪内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every document and language that passes the checks and differs from what the portal has live</source>
        <translation>通过检查且与门户网站线上版本不同的每个文档和语言</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These documents:</source>
        <translation>这些文档：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These sections:</source>
        <translation>这些栏目：</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the checks and compare with the portal; nothing is sent</source>
        <translation>运行检查并与门户网站比较；不会发送任何内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+35"/>
        <location line="+32"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="-67"/>
        <location line="+35"/>
        <location line="+32"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>Goes</source>
        <translation>发布</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Compared with the portal</source>
        <translation>与门户网站相比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why not</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A title for the release, e.g. Work permits, March</source>
        <translation>发布标题，例如：工作许可（三月）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compose and push</source>
        <translation>编排并推送</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+7"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Composed</source>
        <translation>编排时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>编排人</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+6"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Push again</source>
        <translation>再次推送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send what is left and publish; what the portal has already is not sent twice</source>
        <translation>发送剩余内容并发布；门户网站已有的内容不会重复发送</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leave out what failed</source>
        <translation>剔除失败的条目</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+269"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location line="-267"/>
        <location line="+220"/>
        <source>Roll back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <location line="-219"/>
        <source>Publish the versions that were live before this release, as a new release</source>
        <translation>将此次发布之前的线上版本作为一次新发布重新发布</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>On the portal</source>
        <translation>门户网站上</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>changed (version {0})</source>
        <translation>已修改（版本 {0}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare and decide…</source>
        <translation>比较并决定…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What someone else changed on the portal since Studio pushed it (as far as the last pull knows). It is held back from releases until you decide.</source>
        <translation>自 Studio 推送以来他人在门户网站上修改的内容（以最近一次拉取所知为准）。在您作出决定之前，这些内容不会进入发布。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>composed</source>
        <translation>已编排</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pushing</source>
        <translation>推送中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>staged</source>
        <translation>已暂存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed on the portal</source>
        <translation>门户网站上已修改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>left out</source>
        <translation>已剔除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>neutral facts (core)</source>
        <translation>通用信息（核心）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not on the portal yet</source>
        <translation>门户网站上尚无</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>differs from the live version</source>
        <translation>与线上版本不同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same as live</source>
        <translation>与线上相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Publishing to {0}</source>
        <translation>发布到 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No portal is set up: connect to one first.</source>
        <translation>尚未设置门户网站：请先连接。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Changes on the portal ({0})</source>
        <translation>门户网站上的变更（{0}）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Check first, and give a title</source>
        <translation>请先检查，并填写标题</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Stopped; push again to continue where it stopped.</source>
        <translation>已停止；再次推送即可从停止处继续。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Checking what is ready</source>
        <translation>正在检查哪些内容已就绪</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} item(s) go; {1} held back by a check</source>
        <translation>{0} 个条目将发布；{1} 个未通过检查而暂缓</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+21"/>
        <source>Pushing {0}</source>
        <translation>正在推送 {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Publish the versions that were live before “{0}”, as a new release?</source>
        <translation>将“{0}”之前的线上版本作为一次新发布重新发布？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Roll back: {0}</source>
        <translation>回滚：{0}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Pulling the portal&apos;s changes</source>
        <translation>正在拉取门户网站的变更</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+29"/>
        <location line="+18"/>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Give up “{0}”? Nothing more of it will be sent.</source>
        <translation>放弃“{0}”？其余内容将不再发送。</translation>
    </message>
</context>
<context>
    <name>ReplaceDialog</name>
    <message>
        <location filename="../../studio/ui/replace_dialog.py" line="+276"/>
        <source>Replace in translations</source>
        <translation>在译文中替换</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole words</source>
        <translation>全字匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Python regular expressions; refer to groups as \1 in the replacement</source>
        <translation>Python 正则表达式；在替换内容中用 \1 引用分组</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace with:</source>
        <translation>替换为：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In the translations into</source>
        <translation>在以下语言的译文中</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Check all</source>
        <translation>全选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uncheck all</source>
        <translation>全不选</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+112"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Searching the translations for “{0}”</source>
        <translation>正在译文中搜索“{0}”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Searching… {0} of {1} translations read</source>
        <translation>正在搜索…已读取 {0}/{1} 条译文</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The search failed: {0}</source>
        <translation>搜索失败：{0}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No matches.</source>
        <translation>没有匹配项。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 match</source>
        <translation>1 处匹配</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0} matches</source>
        <translation>{0} 处匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in 1 document</source>
        <translation>(1 篇文档)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in {0} documents</source>
        <translation>({0} 篇文档)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>({0} skipped: see the Note column)</source>
        <translation>(已跳过 {0} 处：见“备注”列)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replace {0}</source>
        <translation>替换 {0} 处</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Preview to see what would change.</source>
        <translation>请先预览，查看将要更改的内容。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type what to find and choose at least one language.</source>
        <translation>请输入要查找的内容，并至少选择一种语言。</translation>
    </message>
</context>
<context>
    <name>ReplaceMatchModel</name>
    <message>
        <location line="-324"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Before</source>
        <translation>替换前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation>替换后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>skipped: {problem}</source>
        <translation>已跳过：{problem}</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <location filename="../../studio/ui/review_queue.py" line="+288"/>
        <source>Whose queue: the languages you review, or one language</source>
        <translation>显示谁的队列：您审校的语言，或某一种语言</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filter by text in the source or the translation</source>
        <translation>按原文或译文中的文字筛选</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;ject…</source>
        <translation>退回(&amp;J)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve the selected translations (Ctrl+Shift+A)</source>
        <translation>批准所选译文（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject the selected translations with a reason (Ctrl+Shift+R)</source>
        <translation>退回所选译文并说明理由（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Four-eyes rule</source>
        <translation>四眼原则</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My languages ({0})</source>
        <translation>我审校的语言（{0}）</translation>
    </message>
    <message numerus="yes">
        <location line="+59"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 条匹配</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 条待审校</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is waiting for review</source>
        <translation>没有待审校的译文</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Select the translations to approve or reject first.</source>
        <translation>请先选择要批准或退回的译文。</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Approving %n translation(s)</source>
        <translation>
            <numerusform>正在批准 %n 条译文</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Rejecting %n translation(s)</source>
        <translation>
            <numerusform>正在退回 %n 条译文</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Reject %n translation(s)</source>
        <translation>
            <numerusform>退回 %n 条译文</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Approved %n translation(s)</source>
        <translation>
            <numerusform>已批准 %n 条译文</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Rejected %n translation(s)</source>
        <translation>
            <numerusform>已退回 %n 条译文</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n translation(s) skipped:</source>
        <translation>
            <numerusform>跳过了 %n 条译文：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}; {1} skipped (see the review queue)</source>
        <translation>{0}；跳过 {1} 条（见审校队列）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>On: a reviewer may not approve a text they wrote; another reviewer of the language must. Only a supervisor turns it on or off.</source>
        <translation>开启时，审校人不能批准自己撰写的译文，须由该语言的另一位审校人批准。只有主管可以开启或关闭。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The four-eyes rule is on</source>
        <translation>四眼原则已开启</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The four-eyes rule is off</source>
        <translation>四眼原则已关闭</translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <location line="-410"/>
        <source>{0} (you)</source>
        <translation>{0}（您）</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>原文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confirmed by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>A reviewer rejected an earlier text of this translation</source>
        <translation>此译文的较早版本曾被审校人退回</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You wrote this text: under the four-eyes rule another reviewer approves it</source>
        <translation>此译文由您撰写：按四眼原则须由另一位审校人批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You wrote this text</source>
        <translation>此译文由您撰写</translation>
    </message>
</context>
<context>
    <name>ScalarItem</name>
    <message>
        <location filename="../../studio/ui/source_form.py" line="-32"/>
        <source>{0}.</source>
        <translation>{0}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{label} {number}</source>
        <translation>{label} {number}</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../studio/ui/settings.py" line="+157"/>
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
        <location line="+9"/>
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
        <source>Last document</source>
        <translation>上次的文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The document open when Studio last closed (or stopped), opened again at start.</source>
        <translation>Studio 上次关闭（或中止）时打开的文档，启动时重新打开。</translation>
    </message>
    <message>
        <location line="+4"/>
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
    <message>
        <location line="-19"/>
        <source>Preview languages</source>
        <translation>预览语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The one or two languages the preview shows side by side.</source>
        <translation>预览中并排显示的一种或两种语言。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="-350"/>
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
        <location line="+31"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Machine translation</source>
        <translation>机器翻译</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Choose at least one language.</source>
        <translation>请至少选择一种语言。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../studio/ui/help.py" line="+14"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Typing is stored as a draft a second after the last keystroke, and at least every three seconds while typing goes on; there is no Save button. Markup placeholders such as {1}…{/1} are protected: Backspace next to one selects it first.</source>
        <translation>停止输入一秒后，所输入的内容即保存为草稿；持续输入时至少每三秒保存一次；无需“保存”按钮。{1}…{/1} 等标记占位符受保护：在其旁按退格键会先选中它。</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <location filename="../../studio/ui/side_panel.py" line="-490"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>All comments on this document</source>
        <translation>本文档的全部评论</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write a comment…</source>
        <translation>撰写评论…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add comment</source>
        <translation>添加评论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Enter in the comment box</source>
        <translation>在评论框中按 Ctrl+Enter</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Machine</source>
        <translation>机器翻译</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Machine translation suggestions (Ctrl+M)</source>
        <translation>机器翻译建议（Ctrl+M）</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Memory</source>
        <translation>记忆库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Translation memory matches (Ctrl+1 … Ctrl+5 insert them)</source>
        <translation>翻译记忆库匹配（按 Ctrl+1 … Ctrl+5 插入）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Terms</source>
        <translation>术语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Glossary terms of this sentence (Ctrl+T inserts the first)</source>
        <translation>本句段中的术语（按 Ctrl+T 插入第一个）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>QA</source>
        <translation>质量检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quality checks of this translation, live as you type</source>
        <translation>此译文的质量检查，随输入实时更新</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Choose a cell in the grid.</source>
        <translation>请在表格中选择一个单元格。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The source text has no translation history: choose a translation to see its revisions.</source>
        <translation>原文没有翻译历史：请选择一条译文查看其修订记录。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The source changed:</source>
        <translation>原文已更改：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No translation yet.</source>
        <translation>尚无译文。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>typed</source>
        <translation>手动输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>drafted</source>
        <translation>生成草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>source changed</source>
        <translation>原文已修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>replaced</source>
        <translation>已替换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>restored (undo or redo)</source>
        <translation>已恢复（撤销或重做）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>taken back (undo)</source>
        <translation>已撤回（撤销）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>emptied</source>
        <translation>已清空</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Version {0} · {1} · {2}</source>
        <translation>第 {0} 版 · {1} · {2}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reviewer’s comment:</source>
        <translation>审校意见：</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No comments on this document yet.</source>
        <translation>本文档还没有评论。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No comments on this cell yet.</source>
        <translation>此单元格还没有评论。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the document</source>
        <translation>整篇文档</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Before</source>
        <translation>上一句</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This sentence</source>
        <translation>本句</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After</source>
        <translation>下一句</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(nothing)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(not translated yet)</source>
        <translation>（尚未翻译）</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../studio/ui/sign_in.py" line="+48"/>
        <location line="+20"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reviews</source>
        <translation>审校语言</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Continue without signing in (read only)</source>
        <translation>不登录继续（只读）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This workspace has no users yet: add the first one from the command line (studio user add) or continue read only.</source>
        <translation>此工作区还没有用户：请在命令行中添加第一个用户（studio user add），或以只读方式继续。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Studio: editing and translating the international portal of the People&apos;s Government of Beijing Municipality (english.beijing.gov.cn and its sites in eight languages)</source>
        <translation>Studio：编辑和翻译北京市人民政府国际版门户网站（english.beijing.gov.cn 及其八种外语网站）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Who are you?</source>
        <translation>请选择您的身份</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>editor</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reviewer</source>
        <translation>审校人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
</context>
<context>
    <name>SourceEditorDialog</name>
    <message>
        <location filename="../../studio/ui/source_form.py" line="+242"/>
        <source>Edit source — {0}</source>
        <translation>编辑原文 — {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{type} · {slug} · written in {language} · version {version}</source>
        <translation>{type} · {slug} · 原文语言：{language} · 第 {version} 版</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>* required</source>
        <translation>* 必填</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Ctrl+S or Ctrl+Enter</source>
        <translation>Ctrl+S 或 Ctrl+Enter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No changes to {0}</source>
        <translation>{0} 没有更改</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saved {0}: {1}</source>
        <translation>已保存 {0}：{1}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>What you typed is still here: copy what you need, cancel, and open the document again to see the other change.</source>
        <translation>您输入的内容仍保留在此：请复制所需内容后点击取消，再重新打开文档查看他人的修改。</translation>
    </message>
</context>
<context>
    <name>SourceForm</name>
    <message>
        <location filename="../../studio/content/field_kinds.py" line="+171"/>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>e.g. +86 10 1234 5678</source>
        <translation>例如 +86 10 1234 5678</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>latitude,longitude, e.g. 39.9042,116.4074</source>
        <translation>纬度,经度，例如 39.9042,116.4074</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>slug of a document ({type}), e.g. beijing-exit-entry-hall</source>
        <translation>文档（{type}）的网址别名，例如 beijing-exit-entry-hall</translation>
    </message>
    <message>
        <location filename="../../studio/ui/source_form.py" line="-80"/>
        <source>Discard changes</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard your changes to “{0}”?</source>
        <translation>要放弃对“{0}”的更改吗？</translation>
    </message>
</context>
<context>
    <name>StateChart</name>
    <message>
        <location filename="../../studio/ui/dashboard.py" line="-322"/>
        <location line="+152"/>
        <source>{0}% approved</source>
        <translation>已批准 {0}%</translation>
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
        <location line="+5"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click to list these cells.</source>
        <translation>点击列出这些单元格。</translation>
    </message>
</context>
<context>
    <name>States</name>
    <message>
        <location filename="../../studio/ui/state_words.py" line="+14"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>translated</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outdated</source>
        <translation>已过时</translation>
    </message>
</context>
<context>
    <name>TermsTab</name>
    <message>
        <location filename="../../studio/ui/terms_tab.py" line="+74"/>
        <source>No glossary term in this sentence.</source>
        <translation>本句段中没有术语。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose a cell in the grid.</source>
        <translation>请在表格中选择一个单元格。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>forbidden</source>
        <translation>禁用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>discouraged</source>
        <translation>不推荐</translation>
    </message>
</context>
<context>
    <name>TermsTable</name>
    <message>
        <location filename="../../studio/ui/glossary_dialog.py" line="+31"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Term</source>
        <translation>术语</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part of speech</source>
        <translation>词性</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message>
        <location filename="../../studio/ui/source_form.py" line="-506"/>
        <source>HTML: p, h2–h4, ul, ol, li, a, strong, em, code, br. Below: the text as the portal shows it.</source>
        <translation>HTML：p、h2–h4、ul、ol、li、a、strong、em、code、br。下方：门户网站上显示的效果。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Formatted text</source>
        <translation>排版后的文本</translation>
    </message>
</context>
<context>
    <name>ThreeWayDialog</name>
    <message>
        <location filename="../../studio/ui/three_way_dialog.py" line="+87"/>
        <source>the neutral facts (core)</source>
        <translation>通用信息（核心）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed on the portal: {0}, {1}</source>
        <translation>门户网站上已修改：{0}，{1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Someone changed this on the portal after Studio last pushed it. Highlighted fields differ. Keep Studio&apos;s text to write it over the portal&apos;s at the next push, or take the portal&apos;s: it stays, and Studio&apos;s text is left as it is.</source>
        <translation>在 Studio 上次推送之后，有人在门户网站上修改了这部分内容。高亮的字段存在差异。选择保留 Studio 的文本，下次推送时将覆盖门户网站上的版本；或者采用门户网站的版本：它将保留，Studio 中的文本保持不变。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Studio&apos;s own text is not ready to publish yet: {0}</source>
        <translation>Studio 自己的文本尚不能发布：{0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep Studio&apos;s text</source>
        <translation>保留 Studio 的文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take the portal&apos;s</source>
        <translation>采用门户网站的版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decide later</source>
        <translation>稍后决定</translation>
    </message>
</context>
<context>
    <name>ThreeWayModel</name>
    <message>
        <location line="-53"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last pushed by Studio</source>
        <translation>Studio 上次推送的</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>On the portal now</source>
        <translation>门户网站当前的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In Studio now</source>
        <translation>Studio 当前的</translation>
    </message>
</context>
<context>
    <name>quality</name>
    <message>
        <location filename="../../studio/ui/quality_tab.py" line="-210"/>
        <source>Empty translation</source>
        <translation>译文为空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as the source</source>
        <translation>与原文相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Placeholders or markup</source>
        <translation>占位符或标记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Numbers</source>
        <translation>数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Links</source>
        <translation>链接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail addresses</source>
        <translation>电子邮件地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone numbers</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longer than the field allows</source>
        <translation>超出字段长度上限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Glossary term missing</source>
        <translation>缺少术语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forbidden term</source>
        <translation>禁用术语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese characters left</source>
        <translation>残留中文字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leading, trailing or double spaces</source>
        <translation>首尾空格或连续空格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ending punctuation</source>
        <translation>句末标点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Punctuation of another script</source>
        <translation>误用其他文字的标点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brackets and quotes in pairs</source>
        <translation>括号和引号配对</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeated word</source>
        <translation>重复词语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>French spacing</source>
        <translation>法语标点空格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Numbers differ between translations</source>
        <translation>各译文数字不一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Links differ between translations</source>
        <translation>各译文链接不一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone numbers differ between translations</source>
        <translation>各译文电话号码不一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps or documents missing in one language</source>
        <translation>某一语言缺少步骤或申请材料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Long sentence</source>
        <translation>长句</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Long word</source>
        <translation>长单词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bureaucratic term</source>
        <translation>公文腔用语</translation>
    </message>
</context>
</TS>
