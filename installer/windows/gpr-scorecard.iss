; Inno Setup 6 script of Tablero GPR (per-machine install, Spanish first, English).
; NOT BUILT ON THE PROJECT'S MACHINES: build.ps1 beside this file calls it on a Windows build machine,
; passing /DAppVersion, /DBundleDir (the PyInstaller folder) and /DRepoDir.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6F1B9E52-3C1A-4E0B-9B7E-2D5A7C3E8F10}
AppName=Tablero GPR
AppVersion={#AppVersion}
AppPublisher=Tablero GPR
DefaultDirName={autopf}\Tablero GPR
DefaultGroupName=Tablero GPR
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
OutputBaseFilename=TableroGPR-{#AppVersion}-setup
SetupIconFile={#RepoDir}\resources\icons\gpr-scorecard.ico
UninstallDisplayIcon={app}\gpr-scorecard.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; the command line (scorecard.exe) on the system PATH
ChangesEnvironment=yes

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Tablero GPR"; Filename: "{app}\gpr-scorecard.exe"
Name: "{group}\{cm:UninstallProgram,Tablero GPR}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Tablero GPR"; Filename: "{app}\gpr-scorecard.exe"; Tasks: desktopicon

[Registry]
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; \
    ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
    Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
; IT checks the installation at once; the output stays in the installer's log
Filename: "{app}\gpr-scorecard.exe"; Parameters: "--self-test"; Flags: runhidden waituntilterminated; \
    StatusMsg: "Verificando la instalación…"
Filename: "{app}\gpr-scorecard.exe"; Description: "{cm:LaunchProgram,Tablero GPR}"; \
    Flags: nowait postinstall skipifsilent

[UninstallDelete]
; caches the app may leave inside its own folder (the user's data stays in their profile)
Type: filesandordirs; Name: "{app}"

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Current: string;
begin
  if not RegQueryStringValue(HKLM, 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment',
    'Path', Current) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Current) + ';') = 0;
end;
