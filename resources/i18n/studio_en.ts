<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ContentPane</name>
    <message numerus="yes">
        <location filename="../../studio/ui/content_pane.py" line="+205"/>
        <source>{0} of %n document(s)</source>
        <translation>
            <numerusform>{0} of %n document</numerusform>
            <numerusform>{0} of %n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContentTreeModel</name>
    <message numerus="yes">
        <location filename="../../studio/ui/content_tree_model.py" line="+280"/>
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardModel</name>
    <message numerus="yes">
        <location filename="../../studio/ui/dashboard.py" line="+167"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message numerus="yes">
        <location line="+389"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentEditor</name>
    <message numerus="yes">
        <location filename="../../studio/ui/document_editor.py" line="+943"/>
        <source>%n cell(s)</source>
        <translation>
            <numerusform>%n cell</numerusform>
            <numerusform>%n cells</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FactsPanel</name>
    <message numerus="yes">
        <location filename="../../studio/ui/facts_panel.py" line="+130"/>
        <source>Facts: %n value(s), the same in every language</source>
        <translation>
            <numerusform>Facts: %n value, the same in every language</numerusform>
            <numerusform>Facts: %n values, the same in every language</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LengthCounter</name>
    <message numerus="yes">
        <location filename="../../studio/ui/source_form.py" line="+97"/>
        <source>%n character(s) over the maximum</source>
        <translation>
            <numerusform>%n character over the maximum</numerusform>
            <numerusform>%n characters over the maximum</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../studio/ui/main_window.py" line="+492"/>
        <source>Importing %n file(s)</source>
        <translation>
            <numerusform>Importing %n file</numerusform>
            <numerusform>Importing %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Replacing in %n translation(s)</source>
        <translation>
            <numerusform>Replacing in %n translation</numerusform>
            <numerusform>Replacing in %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>Replaced in %n translation(s)</source>
        <translation>
            <numerusform>Replaced in %n translation</numerusform>
            <numerusform>Replaced in %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Replace cancelled: %n translation(s) replaced, Undo takes them back</source>
        <translation>
            <numerusform>Replace cancelled: %n translation replaced, Undo takes them back</numerusform>
            <numerusform>Replace cancelled: %n translations replaced, Undo takes them back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-5"/>
        <source>Replace in %n translation(s)</source>
        <translation>
            <numerusform>Replace in %n translation</numerusform>
            <numerusform>Replace in %n translations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message numerus="yes">
        <location filename="../../studio/ui/review_queue.py" line="+431"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+61"/>
        <source>Approving %n translation(s)</source>
        <translation>
            <numerusform>Approving %n translation</numerusform>
            <numerusform>Approving %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Rejecting %n translation(s)</source>
        <translation>
            <numerusform>Rejecting %n translation</numerusform>
            <numerusform>Rejecting %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Reject %n translation(s)</source>
        <translation>
            <numerusform>Reject %n translation</numerusform>
            <numerusform>Reject %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Approved %n translation(s)</source>
        <translation>
            <numerusform>Approved %n translation</numerusform>
            <numerusform>Approved %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Rejected %n translation(s)</source>
        <translation>
            <numerusform>Rejected %n translation</numerusform>
            <numerusform>Rejected %n translations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n translation(s) skipped:</source>
        <translation>
            <numerusform>%n translation skipped:</numerusform>
            <numerusform>%n translations skipped:</numerusform>
        </translation>
    </message>
</context>
</TS>
